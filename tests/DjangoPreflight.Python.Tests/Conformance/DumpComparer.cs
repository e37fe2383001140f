using System.Collections.Concurrent;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Tests.Conformance;

/// <summary>Parses files with our parser and compares each dump with CPython's, in parallel.</summary>
internal static class DumpComparer
{
    public sealed record Outcome(int Compared, int Matched, int RejectedByBoth, IReadOnlyList<string> Mismatches);

    public static Outcome Compare(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> reference)
    {
        var mismatches = new ConcurrentBag<string>();
        int matched = 0, rejectedByBoth = 0;
        Parallel.ForEach(files, file =>
        {
            if (!reference.TryGetValue(file, out var expected))
            {
                mismatches.Add($"{file}: no CPython dump");
                return;
            }
            var result = PythonParser.Parse(File.ReadAllBytes(file), file);
            bool cpythonRejects = expected.StartsWith("ERR", StringComparison.Ordinal);
            if (cpythonRejects || result.HasErrors)
            {
                if (cpythonRejects && result.HasErrors)
                {
                    Interlocked.Increment(ref matched);
                    Interlocked.Increment(ref rejectedByBoth);
                }
                else if (cpythonRejects) mismatches.Add($"{file}: CPython rejects it ({expected.Trim()}), we accept it");
                else mismatches.Add($"{file}: CPython accepts it, we reject it: {result.Diagnostics[0]}");
                return;
            }
            string actual = AstDump.Dump(result.Module);
            if (actual == expected) Interlocked.Increment(ref matched);
            else mismatches.Add($"{file}: {FirstDifference(expected, actual)}");
        });
        var sorted = mismatches.OrderBy(m => m, StringComparer.Ordinal).ToList();
        return new Outcome(files.Count, matched, rejectedByBoth, sorted);
    }

    /// <summary>The node path (module.body[3].value...) of the first differing line, with both lines.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
        var path = new List<string>();
        var lines = i < e.Length ? e : a;
        for (int k = 0; k <= Math.Min(i, lines.Length - 1); k++)
        {
            string line = lines[k];
            int depth = line.Length - line.TrimStart(' ').Length;
            string label = line.TrimStart(' ').Split(' ')[0];
            if (path.Count > depth) path.RemoveRange(depth, path.Count - depth);
            path.Add(label);
        }
        static string Cut(string s) => s.Length > 200 ? s[..200] + "..." : s.Trim();
        return $"first difference at {string.Join('.', path)}: CPython `{Cut(i < e.Length ? e[i] : "<end>")}` vs ours `{Cut(i < a.Length ? a[i] : "<end>")}`";
    }
}
