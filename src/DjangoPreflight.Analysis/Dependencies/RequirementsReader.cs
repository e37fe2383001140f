using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>
/// pip requirements files: one requirement per logical line (backslash continuations joined), comments
/// (" #") dropped, options (--hash, --index-url, -e) skipped, and -r/-c includes followed relative to the
/// including file, each file once. A requirement's line is where its logical line starts.
/// </summary>
public sealed class RequirementsReader(ProjectFiles files, ProjectDiagnostics diagnostics)
{
    public static bool LooksLikeRequirements(string path)
    {
        var name = ProjectFiles.FileName(path);
        var inRequirementsDir = path.Contains("requirements/", StringComparison.Ordinal) || path.Contains("reqs/", StringComparison.Ordinal);
        return (name.StartsWith("requirements", StringComparison.Ordinal) || inRequirementsDir)
               && (name.EndsWith(".txt", StringComparison.Ordinal) || name.EndsWith(".in", StringComparison.Ordinal));
    }

    /// <summary>The requirements of <paramref name="path"/> and of every file it includes.</summary>
    public IReadOnlyList<DeclaredDependency> ReadTree(string path)
    {
        var found = new List<DeclaredDependency>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(path);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current)) continue;
            var text = files.ReadText(current);
            if (text is null)
            {
                if (current != path) diagnostics.Notice($"{current}: included requirements file not found");
                continue;
            }
            foreach (var (line, content) in LogicalLines(text))
            {
                if (Include(content) is { } included)
                {
                    var resolved = Resolve(current, included);
                    if (resolved is not null) pending.Push(resolved);
                    else diagnostics.Notice($"{current}:{line}: include '{included}' points outside the project");
                    continue;
                }
                if (content.StartsWith('-')) continue; // --index-url, -e, --find-links...: no declaration we can read
                var requirement = Requirement.Parse(StripOptions(content));
                if (requirement is null) continue;
                found.Add(new DeclaredDependency(requirement.Name, requirement.Specifier, requirement.Pinned,
                    new SourceLocation(current, line), FromLock: false));
            }
        }
        return found;
    }

    /// <summary>Logical lines with the number of their first physical line; comments removed.</summary>
    public static IEnumerable<(int Line, string Content)> LogicalLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        // A builder: appending to a string re-copies it at every continuation, quadratic in a file of them.
        var buffer = new System.Text.StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (buffer.Length == 0) start = i + 1;
            var line = StripComment(lines[i]);
            if (line.EndsWith('\\'))
            {
                buffer.Append(line, 0, line.Length - 1).Append(' ');
                continue;
            }
            var logical = buffer.Append(line).ToString().Trim();
            buffer.Clear();
            if (logical.Length > 0) yield return (start, logical);
        }
        if (buffer.ToString().Trim() is { Length: > 0 } rest) yield return (start, rest);
    }

    /// <summary>pip treats '#' as a comment at the start of a line or after whitespace (a URL fragment stays).</summary>
    private static string StripComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
            if (line[i] == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1])))
                return line[..i];
        return line;
    }

    private static string? Include(string content)
    {
        foreach (var option in new[] { "--requirement", "--constraint", "-r", "-c" })
        {
            if (!content.StartsWith(option, StringComparison.Ordinal)) continue;
            var rest = content[option.Length..];
            if (rest.Length == 0 || !(rest[0] is ' ' or '\t' or '=' || option.Length == 2)) continue;
            return rest.TrimStart('=', ' ', '\t').Trim();
        }
        return null;
    }

    /// <summary>Drops per-requirement options such as --hash=sha256:... from a requirement line.</summary>
    private static string StripOptions(string content)
    {
        var options = content.IndexOf(" --", StringComparison.Ordinal);
        return options < 0 ? content : content[..options];
    }

    private static string? Resolve(string from, string included)
    {
        var dir = from.Contains('/') ? from[..from.LastIndexOf('/')] : "";
        var parts = new List<string>(dir.Length == 0 ? [] : dir.Split('/'));
        foreach (var part in included.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
            }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
