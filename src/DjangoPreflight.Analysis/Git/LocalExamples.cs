using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Documentation examples run against a machine of the writer's own: a code block (or paragraph)
/// that names a loopback or private-network address (<c>MYIP=192.168.1.20</c>, <c>http://localhost:9000</c>).
/// A credential in such a block belongs to that local test box (a MinIO's keys, a local database's
/// password): an example, even when it was drawn at random.
/// </summary>
public static partial class LocalExamples
{
    /// <summary>The 1-based line numbers of documentation lines inside a block that names a private address.</summary>
    public static IReadOnlySet<int> LinesIn(string[] lines)
    {
        var found = new HashSet<int>();
        var start = 0;
        var fenced = false;
        for (var i = 0; i <= lines.Length; i++)
        {
            // A block ends at a code fence, at a blank line outside a fence, and at the end of the text.
            var fence = i < lines.Length && IsFence(lines[i]);
            var end = i == lines.Length || fence || !fenced && lines[i].Trim().Length == 0;
            if (fence) fenced = !fenced;
            if (!end) continue;
            if (Enumerable.Range(start, i - start).Any(n => PrivateAddress().IsMatch(lines[n])))
                for (var n = start; n < i; n++) found.Add(n + 1);
            start = i + 1;
        }
        return found;
    }

    private static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal);

    // Loopback and RFC 1918 addresses, not part of a longer name or number (the neighbours are consumed,
    // not looked around). Every alternative has a bounded length, so backtracking tries each position
    // a fixed number of times: linear, and source-generated rather than built at run time.
    [GeneratedRegex(@"(?:^|[^\w.])(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})(?:[^\w.]|$)")]
    private static partial Regex PrivateAddress();
}
