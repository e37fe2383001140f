using System.Text;

namespace DjangoPreflight.Reporting;

/// <summary>Word wrapping for the text report: on a terminal, lines break at its width and carry on
/// under the column they started in; elsewhere (a pipe, a file) nothing is wrapped, so tools that
/// read lines see each one whole.</summary>
public static class TextWrap
{
    /// <summary>The lines of <paramref name="text"/> (its own line breaks kept) when the first starts at
    /// column <paramref name="start"/> and the others at <paramref name="indent"/>, fitted to
    /// <paramref name="width"/> columns when it is given. A word longer than a line (a path, a URL)
    /// is kept whole on a line of its own rather than cut.</summary>
    public static IReadOnlyList<string> Lines(string text, int start, int indent, int? width)
    {
        var paragraphs = text.ReplaceLineEndings("\n").Split('\n');
        if (width is not { } w) return paragraphs;
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            foreach (var word in paragraph.Split(' '))
            {
                var room = Math.Max(w - (lines.Count == 0 ? start : indent), MinimumRoom);
                if (line.Length > 0 && line.Length + 1 + word.Length > room)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            lines.Add(line.ToString());
            line.Clear();
        }
        return lines;
    }

    /// <summary>A terminal narrower than the indent still gets this many characters a line.</summary>
    private const int MinimumRoom = 20;
}
