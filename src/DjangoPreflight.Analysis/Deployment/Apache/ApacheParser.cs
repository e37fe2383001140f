using System.Text;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>
/// Reads Apache httpd configuration syntax as httpd does: one directive per line, a line ending in
/// <c>\</c> continues on the next, <c>#</c> starts a comment only as a line's first non-blank
/// character, words are separated by blanks and grouped by <c>"..."</c> or <c>'...'</c> (with
/// <c>\"</c>), a line <c>&lt;Name args&gt;</c> opens a section that <c>&lt;/Name&gt;</c> closes.
/// Never throws: a closing tag nothing opened is ignored, an unclosed section ends with the file,
/// sections nest at most 32 deep (deeper content is dropped).
/// </summary>
public static class ApacheParser
{
    private const int MaxDepth = 32;

    public static IReadOnlyList<ApacheDirective> Parse(string text, string path)
    {
        var lines = Lines(text);
        var position = 0;
        return Section(lines, ref position, path, null, 0);
    }

    private static List<ApacheDirective> Section(List<(List<string> Words, int Line)> lines, ref int i, string path, string? open, int depth)
    {
        var result = new List<ApacheDirective>();
        while (i < lines.Count)
        {
            var (words, line) = lines[i++];
            var first = words[0];
            if (first.StartsWith("</", StringComparison.Ordinal))
            {
                // Only the tag that closes this section ends it; a stray one is ignored.
                if (open is not null && string.Equals(first[2..].TrimEnd('>'), open, StringComparison.OrdinalIgnoreCase)) return result;
                continue;
            }
            if (first.StartsWith('<') && first.Length > 1)
            {
                var name = first[1..].TrimEnd('>');
                var args = words.Skip(1).ToList();
                if (args.Count > 0) args[^1] = args[^1].EndsWith('>') ? args[^1][..^1] : args[^1];
                args.RemoveAll(a => a.Length == 0);
                if (depth >= MaxDepth)
                {
                    Skip(lines, ref i);
                    continue;
                }
                var inner = Section(lines, ref i, path, name, depth + 1);
                result.Add(new ApacheDirective(name, args, new SourceLocation(path, line), inner));
                continue;
            }
            result.Add(new ApacheDirective(first, words.Skip(1).ToList(), new SourceLocation(path, line), null));
        }
        return result;
    }

    /// <summary>Skips a section too deep to keep, without recursing, up to its closing line.</summary>
    private static void Skip(List<(List<string> Words, int Line)> lines, ref int i)
    {
        for (var open = 1; i < lines.Count && open > 0; i++)
        {
            var first = lines[i].Words[0];
            if (first.StartsWith("</", StringComparison.Ordinal)) open--;
            else if (first.StartsWith('<') && first.Length > 1) open++;
        }
    }

    /// <summary>The words of every directive line (continuations joined), with the line it starts on.</summary>
    private static List<(List<string> Words, int Line)> Lines(string text)
    {
        var result = new List<(List<string>, int)>();
        var raw = text.Split('\n');
        var joined = new StringBuilder();
        for (var n = 0; n < raw.Length; n++)
        {
            var start = n + 1;
            joined.Clear();
            var line = raw[n].TrimEnd('\r', ' ', '\t');
            // Joined in a builder: re-copying the line at every continuation is quadratic.
            while (line.EndsWith('\\') && n + 1 < raw.Length)
            {
                joined.Append(line, 0, line.Length - 1).Append(' ');
                line = raw[++n].TrimEnd('\r', ' ', '\t');
            }
            joined.Append(line);
            var content = joined.ToString().TrimStart();
            if (content.Length == 0 || content[0] == '#') continue;
            var words = Words(content);
            if (words.Count > 0) result.Add((words, start));
        }
        return result;
    }

    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is ' ' or '\t')
            {
                if (word.Length > 0) words.Add(word.ToString());
                word.Clear();
                continue;
            }
            if (word.Length == 0 && c is '"' or '\'')
            {
                // A quoted word: empty quotes are still a word ("" as a value).
                for (i++; i < line.Length && line[i] != c; i++)
                {
                    if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == c) i++;
                    word.Append(line[i]);
                }
                words.Add(word.ToString());
                word.Clear();
                continue;
            }
            word.Append(c);
        }
        if (word.Length > 0) words.Add(word.ToString());
        return words;
    }
}
