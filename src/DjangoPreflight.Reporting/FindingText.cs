using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>A finding's words as the human formats (text, Markdown, HTML) show them beside its title.</summary>
public static class FindingText
{
    /// <summary>The message without a leading repeat of the title: many rules word their message
    /// "TITLE: why" so that it reads alone (JSON, SARIF), but under the title that is said twice.
    /// "STATIC_ROOT is not set: collectstatic has nowhere..." becomes "collectstatic has nowhere...".
    /// The comparison ignores case ("Logging is unfit" / "LOGGING is unfit"); a message that is only
    /// the title stays whole.</summary>
    public static string Message(Finding f)
    {
        var title = f.Title.TrimEnd('.');
        var message = f.Message;
        if (title.Length == 0 || !message.StartsWith(title, StringComparison.OrdinalIgnoreCase)) return message;
        var rest = message.AsSpan(title.Length);
        if (rest.Length == 0 || rest[0] is not (':' or '.' or ';')) return message;
        var stripped = rest[1..].TrimStart(' ').ToString();
        return stripped.Length == 0 ? message : stripped;
    }
}
