using System.Text;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// Tells a syntax error of the project from syntax that only a Python newer than the parser's
/// (3.14) accepts: such a file is not broken, and is not reported as a parse error. Recognised by
/// the constructs later Pythons add (PEP 810 lazy imports, PEP 798 unpacking in comprehensions),
/// or by the project saying it targets a newer Python (.python-version, requires-python).
/// </summary>
internal sealed partial class NewerPythonSyntax
{
    private readonly Lazy<string?> _projectTarget;

    public NewerPythonSyntax(ProjectFiles files) => _projectTarget = new(() => NewerTarget(files));

    /// <summary>Why the error at <paramref name="line"/> may be newer syntax, or null when it is a real error.</summary>
    public string? Explain(byte[] source, int length, int line)
    {
        var text = LineText(source, length, line);
        if (LazyImport().IsMatch(text)) return "a lazy import (PEP 810, Python 3.15)";
        if (StarInComprehension().IsMatch(text)) return "unpacking in a comprehension (PEP 798, Python 3.15)";
        return _projectTarget.Value is { } target ? $"the project targets Python {target}" : null;
    }

    private static string LineText(byte[] source, int length, int line)
    {
        int start = 0;
        for (int l = 1; l < line && start < length; l++)
        {
            int nl = Array.IndexOf(source, (byte)'\n', start, length - start);
            if (nl < 0) return "";
            start = nl + 1;
        }
        int end = Array.IndexOf(source, (byte)'\n', start, length - start);
        return Encoding.UTF8.GetString(source, start, (end < 0 ? length : end) - start);
    }

    /// <summary>A Python newer than 3.14 that the project pins or requires at least, else null.</summary>
    private static string? NewerTarget(ProjectFiles files)
    {
        if (files.ReadText(".python-version") is { } pinned && Version().Match(pinned) is { Success: true } v && IsNewer(v))
            return v.Value;
        if (files.ReadText("pyproject.toml") is { } pyproject && RequiresPython().Match(pyproject) is { Success: true } r && Version().Match(r.Groups[1].Value) is { Success: true } rv && IsNewer(rv))
            return rv.Value + " or later";
        return null;
    }

    private static bool IsNewer(Match version) =>
        int.Parse(version.Groups[1].Value) > 3 || int.Parse(version.Groups[1].Value) == 3 && int.Parse(version.Groups[2].Value) > 14;

    [GeneratedRegex(@"^\s*lazy\s+(import|from)\s", RegexOptions.NonBacktracking)]
    private static partial Regex LazyImport();

    [GeneratedRegex(@"[\[{(]\s*\*{1,2}[^\]})]*\bfor\b", RegexOptions.NonBacktracking)]
    private static partial Regex StarInComprehension();

    [GeneratedRegex(@"(\d{1,2})\.(\d{1,3})", RegexOptions.NonBacktracking)]
    private static partial Regex Version();

    [GeneratedRegex(@"(?m)^\s*requires-python\s*=\s*[""']\s*(?:>=|==|~=)\s*([0-9.]+)", RegexOptions.NonBacktracking)]
    private static partial Regex RequiresPython();
}
