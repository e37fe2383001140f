using System.Text;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment.Nginx;

/// <summary>A syntax error in an nginx file: where, and what nginx would complain about.</summary>
public sealed record NginxSyntaxError(int Line, string Message);

/// <summary>
/// Parses nginx configuration syntax the way nginx's own reader (ngx_conf_read_token) splits it:
/// words separated by blanks; <c>;</c>, <c>{</c> and <c>}</c> end a directive or open/close a block;
/// <c>#</c> at the start of a word comments to the end of the line; single or double quotes group a
/// word, with backslash escapes; <c>${name}</c> stays inside its word. Never throws: errors are
/// collected and parsing goes on, so a half-broken file still yields what it does say.
/// </summary>
public static class NginxParser
{
    private const int MaxDepth = 64;

    private enum Kind { Word, Semicolon, Open, Close, End }

    private readonly record struct Token(Kind Kind, string Text, int Line, bool Quoted);

    public static (IReadOnlyList<NginxDirective> Directives, IReadOnlyList<NginxSyntaxError> Errors) Parse(string text, string path)
    {
        var errors = new List<NginxSyntaxError>();
        var tokens = Tokenize(text, errors);
        var position = 0;
        var top = ParseBlock(tokens, ref position, path, depth: 0, errors, inBlock: false);
        return (top, errors);
    }

    private static List<NginxDirective> ParseBlock(List<Token> tokens, ref int i, string path, int depth, List<NginxSyntaxError> errors, bool inBlock)
    {
        var result = new List<NginxDirective>();
        while (true)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case Kind.End:
                    if (inBlock) errors.Add(new NginxSyntaxError(t.Line, "unexpected end of file, expecting \"}\""));
                    return result;
                case Kind.Close:
                    i++;
                    if (inBlock) return result;
                    errors.Add(new NginxSyntaxError(t.Line, "unexpected \"}\""));
                    continue;
                case Kind.Semicolon or Kind.Open:
                    errors.Add(new NginxSyntaxError(t.Line, $"unexpected \"{(t.Kind == Kind.Open ? "{" : ";")}\""));
                    i++;
                    if (t.Kind == Kind.Open)
                        SkipBlock(tokens, ref i); // a nameless block: skip it whole
                    continue;
            }
            // A directive: its name, its words, then ';' or a block.
            var name = t;
            var args = new List<string>();
            i++;
            while (tokens[i].Kind == Kind.Word)
                args.Add(tokens[i++].Text);
            var end = tokens[i];
            var location = new SourceLocation(path, name.Line);
            if (end.Kind == Kind.Semicolon)
            {
                i++;
                result.Add(new NginxDirective(name.Text, args, location, null));
            }
            else if (end.Kind == Kind.Open)
            {
                i++;
                if (depth >= MaxDepth)
                {
                    errors.Add(new NginxSyntaxError(name.Line, "blocks nested too deeply"));
                    SkipBlock(tokens, ref i);
                    continue;
                }
                var block = ParseBlock(tokens, ref i, path, depth + 1, errors, inBlock: true);
                result.Add(new NginxDirective(name.Text, args, location, block));
            }
            else
            {
                // '}' or end of file right after the words: nginx reports the missing ';'.
                errors.Add(new NginxSyntaxError(end.Line, $"directive \"{name.Text}\" is not terminated by \";\""));
                result.Add(new NginxDirective(name.Text, args, location, null));
            }
        }
    }

    /// <summary>Skips to the '}' matching an already consumed '{'.</summary>
    private static void SkipBlock(List<Token> tokens, ref int i)
    {
        var level = 1;
        while (tokens[i].Kind != Kind.End && level > 0)
        {
            if (tokens[i].Kind == Kind.Open) level++;
            else if (tokens[i].Kind == Kind.Close) level--;
            i++;
        }
    }

    private static List<Token> Tokenize(string text, List<NginxSyntaxError> errors)
    {
        var tokens = new List<Token>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n') { line++; i++; continue; }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c is ';' or '{' or '}')
            {
                tokens.Add(new Token(c == ';' ? Kind.Semicolon : c == '{' ? Kind.Open : Kind.Close, c.ToString(), line, false));
                i++;
                continue;
            }
            var startLine = line;
            var word = new StringBuilder();
            if (c is '"' or '\'')
            {
                var quote = c;
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var q = text[i];
                    if (q == '\\' && i + 1 < text.Length)
                    {
                        AppendEscape(word, text[i + 1]);
                        if (text[i + 1] == '\n') line++;
                        i += 2;
                        continue;
                    }
                    if (q == quote) { i++; closed = true; break; }
                    if (q == '\n') line++;
                    word.Append(q);
                    i++;
                }
                if (!closed) errors.Add(new NginxSyntaxError(startLine, "unterminated quoted string"));
                else if (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not (';' or '{' or '}'))
                    errors.Add(new NginxSyntaxError(line, $"unexpected \"{text[i]}\" after a quoted string"));
                tokens.Add(new Token(Kind.Word, word.ToString(), startLine, true));
                continue;
            }
            var inVariableBraces = false;
            while (i < text.Length)
            {
                var w = text[i];
                if (inVariableBraces)
                {
                    word.Append(w);
                    if (w == '}') inVariableBraces = false;
                    if (w == '\n') line++;
                    i++;
                    continue;
                }
                if (char.IsWhiteSpace(w) || w is ';' or '{' or '}') break;
                if (w == '\\' && i + 1 < text.Length)
                {
                    AppendEscape(word, text[i + 1]);
                    i += 2;
                    continue;
                }
                if (w == '$' && i + 1 < text.Length && text[i + 1] == '{')
                {
                    inVariableBraces = true;
                    word.Append("${");
                    i += 2;
                    continue;
                }
                word.Append(w);
                i++;
            }
            tokens.Add(new Token(Kind.Word, word.ToString(), startLine, false));
        }
        tokens.Add(new Token(Kind.End, "", line, false));
        return tokens;
    }

    // nginx turns \" \' \\ \t \r \n into the character; any other backslash pair stays as written.
    private static void AppendEscape(StringBuilder word, char next)
    {
        switch (next)
        {
            case '"' or '\'' or '\\': word.Append(next); break;
            case 't': word.Append('\t'); break;
            case 'r': word.Append('\r'); break;
            case 'n': word.Append('\n'); break;
            default: word.Append('\\').Append(next); break;
        }
    }
}
