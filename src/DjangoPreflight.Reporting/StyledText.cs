using System.Text;
using Spectre.Console;

namespace DjangoPreflight.Reporting;

/// <summary>A line of the text report made of runs, each plain or in a Spectre style ("bold", "grey"),
/// wrapped like <see cref="TextWrap"/> with every word keeping its run's style.</summary>
public sealed class StyledText
{
    private readonly StringBuilder _text = new();
    private readonly List<(int End, string? Style)> _runs = [];

    public StyledText Add(string text, string? style = null)
    {
        _text.Append(ControlCharacters.Visible(text));
        _runs.Add((_text.Length, style));
        return this;
    }

    /// <summary>Writes the text starting at column <paramref name="start"/> (the caller has written
    /// what comes before it on the first line) and continues wrapped lines at <paramref name="indent"/>.</summary>
    public void WriteTo(IAnsiConsole console, int start, int indent, int? width)
    {
        var text = _text.ToString();
        var position = 0;
        var first = true;
        foreach (var line in TextWrap.Lines(text, start, indent, width))
        {
            position = text.IndexOf(line, position, StringComparison.Ordinal);
            console.MarkupLine((first ? "" : new string(' ', indent)) + Markup(position, line.Length));
            position += line.Length;
            first = false;
        }
    }

    /// <summary>The markup of text[from..from+length], run by run.</summary>
    private string Markup(int from, int length)
    {
        var markup = new StringBuilder();
        var runStart = 0;
        foreach (var (end, style) in _runs)
        {
            var a = Math.Max(runStart, from);
            var b = Math.Min(end, from + length);
            if (a < b)
            {
                var piece = Spectre.Console.Markup.Escape(_text.ToString(a, b - a));
                markup.Append(style is null ? piece : $"[{style}]{piece}[/]");
            }
            runStart = end;
        }
        return markup.ToString();
    }
}
