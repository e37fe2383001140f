using System.Text;
using DjangoPreflight.Analysis.Dependencies;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Python;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>
/// Finds the <c># preflight: ignore</c> directives of one file, with the comment rule of its
/// format, and says which line each one covers:
/// <list type="bullet">
/// <item>Python: the real tokenizer, so a directive inside a string literal does not count.</item>
/// <item>YAML, nginx, dotenv, TOML, shell, Procfile: a <c>#</c> at the start of the line or after
/// blank space, outside quotes, starts a comment to the end of the line.</item>
/// <item>requirements files: the same without quotes, as pip reads them.</item>
/// <item>Dockerfile: only whole-line comments exist (a <c>#</c> later on a line is an argument), so a
/// directive covers the instruction on the next line that is not a comment.</item>
/// </list>
/// Any other file (HTML, Markdown, JSON...) has no <c>#</c> comments and no directives.
/// </summary>
public static class SuppressionComments
{
    /// <summary>True when files at this path can carry directives.</summary>
    public static bool Supports(string path) => FormatOf(path) is not Format.None;

    public static IReadOnlyList<SuppressionComment> Read(string path, byte[] bytes)
    {
        var format = FormatOf(path);
        // Almost no file mentions the tool: skip those without tokenizing or splitting lines.
        if (format is Format.None || !ToolMention.In(bytes)) return [];
        var comments = format switch
        {
            Format.Python => PythonComments.Read(bytes).Select(c => (c.Line, c.Text)),
            Format.Dockerfile => DockerfileComments(Lines(bytes)),
            _ => HashComments(Lines(bytes), quotes: format is Format.Quoted),
        };
        return comments.Select(c => SuppressionComment.Parse(c.Line, c.Text)).OfType<SuppressionComment>().ToList();
    }

    private enum Format { None, Python, Dockerfile, Quoted, Unquoted }

    private static Format FormatOf(string path)
    {
        var name = ProjectFiles.FileName(path);
        var lower = name.ToLowerInvariant();
        if (lower.EndsWith(".py", StringComparison.Ordinal)) return Format.Python;
        if (FileKinds.IsDockerfile(path)) return Format.Dockerfile;
        if (IsRequirements(path, name)) return Format.Unquoted;
        if (FileKinds.IsEnvFile(path) || FileKinds.IsProcfile(path) || name is "Pipfile"
            || lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal)
            || lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".toml", StringComparison.Ordinal)
            || lower.EndsWith(".sh", StringComparison.Ordinal))
            return Format.Quoted;
        return Format.None;
    }

    /// <summary>pip requirement files as the dependency facts read them, and constraints*.txt, which
    /// they name with -c. Not every .txt: data files can be large and carry no findings.</summary>
    private static bool IsRequirements(string path, string name) =>
        RequirementsReader.LooksLikeRequirements(path)
        || (name.StartsWith("constraints", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal));

    /// <summary>The '#' comment of each line: at the line start or after blank space, and (with
    /// <paramref name="quotes"/>) not inside a '...' or "..." string of that line.</summary>
    private static IEnumerable<(int Line, string Text)> HashComments(string[] lines, bool quotes)
    {
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            char quote = '\0';
            for (int j = 0; j < line.Length; j++)
            {
                char c = line[j];
                if (quote != '\0')
                {
                    if (c == '\\' && quote == '"') j++;
                    else if (c == quote) quote = '\0';
                }
                else if (quotes && c is '"' or '\'' && (j == 0 || !char.IsLetterOrDigit(line[j - 1])))
                {
                    quote = c;
                }
                else if (c == '#' && (j == 0 || char.IsWhiteSpace(line[j - 1])))
                {
                    yield return (i + 1, line[j..]);
                    break;
                }
            }
        }
    }

    /// <summary>Whole-line comments, each attributed to the next line that is neither a comment nor blank.</summary>
    private static IEnumerable<(int Line, string Text)> DockerfileComments(string[] lines)
    {
        var pending = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith('#')) pending.Add(trimmed);
            else if (trimmed.Length > 0)
            {
                foreach (var comment in pending) yield return (i + 1, comment);
                pending.Clear();
            }
        }
    }

    private static string[] Lines(byte[] bytes) => Encoding.UTF8.GetString(bytes).Split('\n');
}
