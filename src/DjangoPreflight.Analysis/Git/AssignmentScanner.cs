namespace DjangoPreflight.Analysis.Git;

/// <summary>One <c>NAME sep value</c> candidate on a line, by position: nothing is copied until asked for.</summary>
/// <param name="Start">Where the match began (at the name, or at the quote before it).</param>
/// <param name="NameQuoted">The name was in quotes ("NAME": "value", env("NAME", ...)).</param>
/// <param name="Separator">'=', ':', ',' or, after <c>ENV NAME</c> in a Dockerfile, ' ' for the whitespace.</param>
/// <param name="PrefixLength">The length of a Python string prefix (r, b, f, rb...) before a quoted value.</param>
/// <param name="Quoted">The value was a quoted string; the value is then what is between the quotes.</param>
public readonly record struct AssignmentCandidate(int Start, int NameStart, int NameLength, bool NameQuoted, char Separator,
    int PrefixLength, bool Quoted, int ValueStart, int ValueLength)
{
    public string Name(string line) => line.Substring(NameStart, NameLength);

    public string Value(string line) => line.Substring(ValueStart, ValueLength);

    /// <summary>The string prefix: it ends where the opening quote is, just before the value.</summary>
    public string Prefix(string line) => line.Substring(ValueStart - 1 - PrefixLength, PrefixLength);
}

/// <summary>
/// Finds every <c>NAME = value</c> / <c>NAME: value</c> / <c>"NAME": "value"</c> / <c>ENV NAME value</c> /
/// <c>export NAME=value</c> / <c>env("NAME", default="value")</c> on a line, overlapping ones
/// included (in <c>web: DB_PASSWORD=x gunicorn</c> the value of "web" contains the assignment that
/// matters). It reports exactly what the regular expression it replaces matched,
/// <code>
/// (?&lt;![A-Za-z0-9_.])(?=(?&lt;nq&gt;['"]?)(?&lt;name&gt;[A-Za-z_][A-Za-z0-9_.-]*)\k&lt;nq&gt;
///   (?:\s*(?&lt;sep&gt;[=:,])\s*(?:default\s*=\s*)?|(?&lt;=^\s*ENV\s+[A-Za-z_][A-Za-z0-9_]*)(?&lt;sep&gt;\s+))
///   (?:(?&lt;prefix&gt;[rRbBuUfF]{0,2})(?&lt;q&gt;['"])(?&lt;qvalue&gt;[^'"\r\n]+)\k&lt;q&gt;|(?&lt;value&gt;[^\s'"(\[{][^\s'"]*)))
/// </code>
/// but in time linear in the line: that expression scanned from every candidate position to the
/// end of its value, so one long line of <c>a=a=a=...</c> (minified code, a data file) took time
/// quadratic in its length. Here every "where does this run end" is computed once per line, right
/// to left, and each candidate costs a constant number of steps. Candidates are positions, not
/// copies: on such a line their names and values overlap, and copying them all would be quadratic again.
/// </summary>
public static class AssignmentScanner
{
    public static List<AssignmentCandidate> Scan(string line)
    {
        var found = new List<AssignmentCandidate>();
        var n = line.Length;
        if (n == 0) return found;
        // For each position, where the run starting there ends: name characters, whitespace,
        // an unquoted value's characters, a quoted value's characters.
        var nameEnd = RunEnds(line, IsNameChar);
        var spaceEnd = RunEnds(line, char.IsWhiteSpace);
        var bareEnd = RunEnds(line, c => !char.IsWhiteSpace(c) && c is not ('\'' or '"'));
        var quotedEnd = RunEnds(line, c => c is not ('\'' or '"' or '\r' or '\n'));
        var envName = EnvNameStart(line, spaceEnd);
        for (var i = 0; i < n; i++)
        {
            if (i > 0 && (char.IsAsciiLetterOrDigit(line[i - 1]) || line[i - 1] is '_' or '.')) continue;
            var quote = line[i] is '\'' or '"' ? line[i] : '\0';
            var nameStart = quote == '\0' ? i : i + 1;
            if (nameStart >= n || !(char.IsAsciiLetter(line[nameStart]) || line[nameStart] == '_')) continue;
            var p = nameEnd[nameStart];
            if (quote != '\0')
            {
                if (p >= n || line[p] != quote) continue;
                p++;
            }
            var nameLength = nameEnd[nameStart] - nameStart;
            if (Separated(line, p, spaceEnd, bareEnd, quotedEnd) is var (separator, value))
                found.Add(value with { Start = i, NameStart = nameStart, NameLength = nameLength, NameQuoted = quote != '\0', Separator = separator });
            else if (quote == '\0' && nameStart == envName && line.AsSpan(nameStart, nameLength).IndexOfAny('.', '-') < 0
                     && p < n && char.IsWhiteSpace(line[p]) && Value(line, spaceEnd[p], bareEnd, quotedEnd) is { } envValue)
                found.Add(envValue with { Start = i, NameStart = nameStart, NameLength = nameLength, Separator = ' ' });
        }
        return found;
    }

    /// <summary><c>\s*[=:,]\s*(?:default\s*=\s*)?</c> then a value, from <paramref name="p"/>.</summary>
    private static (char Separator, AssignmentCandidate Value)? Separated(string line, int p, int[] spaceEnd, int[] bareEnd, int[] quotedEnd)
    {
        var q = p < line.Length ? spaceEnd[p] : p;
        if (q >= line.Length || line[q] is not ('=' or ':' or ',')) return null;
        var separator = line[q];
        q = q + 1 < line.Length ? spaceEnd[q + 1] : q + 1;
        if (line.AsSpan(q).StartsWith("default"))
        {
            var r = q + 7 < line.Length ? spaceEnd[q + 7] : q + 7;
            if (r < line.Length && line[r] == '=')
            {
                r = r + 1 < line.Length ? spaceEnd[r + 1] : r + 1;
                if (Value(line, r, bareEnd, quotedEnd) is { } afterDefault) return (separator, afterDefault);
            }
        }
        return Value(line, q, bareEnd, quotedEnd) is { } value ? (separator, value) : null;
    }

    /// <summary><c>[rRbBuUfF]{0,2}(['"])[^'"\r\n]+\1</c>, else <c>[^\s'"(\[{][^\s'"]*</c>, at <paramref name="v"/>.</summary>
    private static AssignmentCandidate? Value(string line, int v, int[] bareEnd, int[] quotedEnd)
    {
        var n = line.Length;
        if (v >= n) return null;
        var k = 0;
        while (k < 2 && v + k < n && line[v + k] is 'r' or 'R' or 'b' or 'B' or 'u' or 'U' or 'f' or 'F') k++;
        if (v + k + 1 < n && line[v + k] is '\'' or '"')
        {
            var q = line[v + k];
            var start = v + k + 1;
            var end = quotedEnd[start];
            if (end > start && end < n && line[end] == q)
                return new AssignmentCandidate(0, 0, 0, false, '\0', k, Quoted: true, start, end - start);
        }
        if (char.IsWhiteSpace(line[v]) || line[v] is '\'' or '"' or '(' or '[' or '{') return null;
        return new AssignmentCandidate(0, 0, 0, false, '\0', 0, Quoted: false, v, bareEnd[v] - v);
    }

    /// <summary>Where the name begins on a Dockerfile <c>ENV NAME value</c> line (<c>^\s*ENV\s+</c>), or -1.</summary>
    private static int EnvNameStart(string line, int[] spaceEnd)
    {
        var p = spaceEnd[0];
        if (!line.AsSpan(p).StartsWith("ENV") || p + 3 >= line.Length || !char.IsWhiteSpace(line[p + 3])) return -1;
        return spaceEnd[p + 3];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>For each position, the index just past the run of <paramref name="inRun"/> characters
    /// starting there (the position itself when its character is not in the run).</summary>
    private static int[] RunEnds(string line, Func<char, bool> inRun)
    {
        var ends = new int[line.Length];
        var end = line.Length;
        for (var i = line.Length - 1; i >= 0; i--)
        {
            if (!inRun(line[i])) end = i;
            ends[i] = end;
        }
        return ends;
    }
}
