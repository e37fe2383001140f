using System.Text;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Caddy;

/// <summary>
/// Reads Caddyfile syntax as Caddy's lexer splits it: words separated by blanks, a line per
/// directive; <c>"..."</c> (with <c>\"</c>) and <c>`...`</c> group a word; <c>#</c> at the start of a
/// word comments to the end of the line; a line ending in <c>{</c> opens a block that a line
/// holding <c>}</c> closes. Environment placeholders (<c>{$VAR:default}</c>) stay as written. Never
/// throws; blocks nest at most 64 deep (deeper lines are dropped), an unclosed block ends with the file.
/// </summary>
public static class CaddyParser
{
    private const int MaxDepth = 64;

    public static IReadOnlyList<CaddyDirective> Parse(string text, string path)
    {
        var lines = Lines(text);
        var position = 0;
        return Block(lines, ref position, path, 0);
    }

    private static List<CaddyDirective> Block(List<(List<string> Words, int Line)> lines, ref int i, string path, int depth)
    {
        var result = new List<CaddyDirective>();
        while (i < lines.Count)
        {
            var (words, line) = lines[i++];
            if (words is ["}"]) return result;
            var opens = words[^1] == "{";
            var content = opens ? words[..^1] : words;
            if (content.Count == 0 && !opens) continue;
            List<CaddyDirective>? block = null;
            if (opens && depth >= MaxDepth)
            {
                Skip(lines, ref i);
                continue;
            }
            if (opens) block = Block(lines, ref i, path, depth + 1);
            // A global options block or a site block with no address: "{" alone.
            var name = content.Count > 0 ? content[0] : "";
            result.Add(new CaddyDirective(name, content.Skip(1).ToList(), new SourceLocation(path, line), block));
        }
        return result;
    }

    /// <summary>Skips a block too deep to keep, without recursing, up to its closing line.</summary>
    private static void Skip(List<(List<string> Words, int Line)> lines, ref int i)
    {
        for (var open = 1; i < lines.Count && open > 0; i++)
        {
            if (lines[i].Words is ["}"]) open--;
            else if (lines[i].Words[^1] == "{") open++;
        }
    }

    /// <summary>The words of every non-empty line, with the line each is on.</summary>
    private static List<(List<string> Words, int Line)> Lines(string text)
    {
        var result = new List<(List<string>, int)>();
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var line = 1;
        var start = 1;
        void EndWord()
        {
            if (inWord) words.Add(word.ToString());
            word.Clear();
            inWord = false;
        }
        void EndLine()
        {
            EndWord();
            if (words.Count > 0) result.Add((words, start));
            words = [];
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                EndLine();
                line++;
                continue;
            }
            if (c is ' ' or '\t' or '\r')
            {
                EndWord();
                continue;
            }
            if (!inWord && c == '#')
            {
                while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                continue;
            }
            if (words.Count == 0 && !inWord) start = line;
            if (!inWord && c is '"' or '`')
            {
                // A quoted word may span lines.
                inWord = true;
                for (i++; i < text.Length && text[i] != c; i++)
                {
                    if (c == '"' && text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '"') i++;
                    if (text[i] == '\n') line++;
                    word.Append(text[i]);
                }
                continue;
            }
            inWord = true;
            word.Append(c);
        }
        EndLine();
        return result;
    }
}
