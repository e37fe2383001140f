using System.Text;
using System.Text.Json;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Docker;

/// <summary>One Dockerfile instruction, continuation lines joined. <see cref="Exec"/> holds the
/// words of the JSON-array (exec) form of RUN/CMD/ENTRYPOINT; null for the shell form.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments, SourceLocation Location, int Stage, IReadOnlyList<string>? Exec)
{
    /// <summary>The command as one line: exec words joined by blanks, or the shell text.</summary>
    public string CommandText => Exec is null ? Arguments : string.Join(' ', Exec);
}

/// <summary>A parsed Dockerfile: its instructions by stage. The final stage is the image that runs.</summary>
public sealed class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<string?> stageNames, IReadOnlyList<string> stageBases)
    {
        Path = path;
        Instructions = instructions;
        StageNames = stageNames;
        StageBases = stageBases;
    }

    public string Path { get; }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>Each stage's <c>AS name</c>, or null.</summary>
    public IReadOnlyList<string?> StageNames { get; }

    /// <summary>Each stage's base image (the FROM argument).</summary>
    public IReadOnlyList<string> StageBases { get; }

    public int FinalStage => Math.Max(0, StageNames.Count - 1);

    /// <summary>The final stage's instructions, preceded by those of the stages it is built FROM
    /// (FROM builder AS final inherits builder's ENV, CMD and ENTRYPOINT).</summary>
    public IReadOnlyList<DockerInstruction> FinalImage()
    {
        var chain = new List<int>();
        var stage = FinalStage;
        while (stage >= 0 && !chain.Contains(stage))
        {
            chain.Add(stage);
            var baseName = StageBases.Count > stage ? StageBases[stage] : "";
            stage = StageNames.Select((n, i) => (n, i)).Where(x => x.i < stage && string.Equals(x.n, baseName, StringComparison.OrdinalIgnoreCase))
                .Select(x => x.i).DefaultIfEmpty(-1).Last();
        }
        chain.Reverse();
        return Instructions.Where(i => chain.Contains(i.Stage)).OrderBy(i => chain.IndexOf(i.Stage)).ThenBy(i => i.Location.Line).ToList();
    }

    /// <summary>What the final image runs: the last ENTRYPOINT and the last CMD (either may be null).</summary>
    public (DockerInstruction? Entrypoint, DockerInstruction? Cmd) Startup()
    {
        var image = FinalImage();
        return (image.LastOrDefault(i => i.Keyword == "ENTRYPOINT"), image.LastOrDefault(i => i.Keyword == "CMD"));
    }

    /// <summary>ENV assignments of the final image, in order.</summary>
    public IEnumerable<(string Name, string Value, SourceLocation Location)> Environment() =>
        FinalImage().Where(i => i.Keyword == "ENV").SelectMany(i => KeyValues(i.Arguments).Select(kv => (kv.Key, kv.Value, i.Location)));

    public static Dockerfile Parse(string path, string text)
    {
        var instructions = new List<DockerInstruction>();
        var names = new List<string?>();
        var bases = new List<string>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var escape = '\\';
        var stage = -1;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0) continue;
            if (trimmed.StartsWith('#'))
            {
                // `# escape=`` ` is a parser directive, only before the first instruction.
                if (instructions.Count == 0 && trimmed.Replace(" ", "", StringComparison.Ordinal).StartsWith("#escape=", StringComparison.OrdinalIgnoreCase))
                    escape = trimmed.TrimEnd()[^1];
                continue;
            }
            var startLine = i + 1;
            var joined = new StringBuilder();
            var current = line;
            while (true)
            {
                var end = current.TrimEnd();
                if (end.EndsWith(escape) && i + 1 < lines.Length)
                {
                    joined.Append(end[..^1].TrimEnd()).Append(' ');
                    i++;
                    // Comment lines inside a continuation are dropped, as docker does.
                    while (i < lines.Length && lines[i].TrimStart().StartsWith('#')) i++;
                    if (i >= lines.Length) break;
                    current = lines[i].TrimStart();
                    continue;
                }
                joined.Append(end);
                break;
            }
            var full = joined.ToString().Trim();
            var space = full.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? full : full[..space]).ToUpperInvariant();
            var args = space < 0 ? "" : full[(space + 1)..].Trim();
            // RUN <<EOF heredocs: the body belongs to the instruction.
            if (args.Contains("<<", StringComparison.Ordinal) && HeredocMarker(args) is { } marker)
            {
                var body = new StringBuilder(args);
                while (++i < lines.Length && lines[i].Trim() != marker) body.Append('\n').Append(lines[i]);
                args = body.ToString();
            }
            if (keyword == "FROM")
            {
                stage++;
                var words = args.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                bases.Add(words.Count > 0 ? words[0] : "");
                names.Add(words.Count >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null);
            }
            IReadOnlyList<string>? exec = keyword is "RUN" or "CMD" or "ENTRYPOINT" or "SHELL" ? ExecForm(args) : null;
            instructions.Add(new DockerInstruction(keyword, args, new SourceLocation(path, startLine), Math.Max(stage, 0), exec));
        }
        return new Dockerfile(path, instructions, names, bases);
    }

    private static string? HeredocMarker(string args)
    {
        var at = args.IndexOf("<<", StringComparison.Ordinal) + 2;
        if (at < args.Length && args[at] == '-') at++;
        var marker = new string(args[at..].TakeWhile(c => !char.IsWhiteSpace(c)).ToArray()).Trim('"', '\'');
        return marker.Length > 0 && marker.All(c => char.IsLetterOrDigit(c) || c == '_') ? marker : null;
    }

    /// <summary>The words of a JSON array, or null when the text is not one (then it is shell form).</summary>
    private static IReadOnlyList<string>? ExecForm(string args)
    {
        if (!args.StartsWith('[')) return null;
        try
        {
            using var doc = JsonDocument.Parse(args);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return null;
            var words = new List<string>();
            foreach (var e in doc.RootElement.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.String) return null;
                words.Add(e.GetString()!);
            }
            return words;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>ENV/ARG pairs: <c>K=v K2="a b"</c>, or the legacy <c>K value with blanks</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> KeyValues(string args)
    {
        var result = new List<KeyValuePair<string, string>>();
        var first = args.IndexOfAny([' ', '\t', '=']);
        if (first > 0 && args[first] != '=')
        {
            result.Add(new(args[..first], args[(first + 1)..].Trim()));
            return result;
        }
        foreach (var word in ShellWords.Split(args))
        {
            var eq = word.IndexOf('=');
            if (eq > 0) result.Add(new(word[..eq], word[(eq + 1)..]));
        }
        return result;
    }
}
