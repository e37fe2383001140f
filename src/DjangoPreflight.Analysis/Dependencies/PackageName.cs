using System.Text;

namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>PEP 503 name normalisation: "Django_Environ" and "django.environ" are "django-environ".</summary>
public static class PackageName
{
    public static string Normalize(string name)
    {
        var text = new StringBuilder(name.Length);
        var pendingSeparator = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.')
            {
                pendingSeparator = text.Length > 0;
                continue;
            }
            if (pendingSeparator) text.Append('-');
            pendingSeparator = false;
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }

    /// <summary>True for a character that may appear in a distribution name.</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
