using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>The few settings the deployment rules compare with deployment files, read without
/// guessing: null means "not known".</summary>
public static class SettingsLookups
{
    /// <summary>The entries of a list setting (MIDDLEWARE, INSTALLED_APPS) when every entry is a known string.</summary>
    public static IReadOnlyList<string>? Entries(SettingsModel settings, string name) => settings[name]?.Value.AsStrings;

    /// <summary>True/false when the list setting is known to contain / not contain a matching entry;
    /// null when it cannot be told (unknown value or unknown entries that might match).</summary>
    public static bool? Contains(SettingsModel settings, string name, Func<string, bool> match)
    {
        if (settings[name]?.Value.AsSequence is not { } items) return null;
        if (items.Any(i => i is PyStr s && match(s.Value))) return true;
        return items.All(i => i is PyStr) ? false : null;
    }

    /// <summary>The HTTP header SECURE_PROXY_SSL_HEADER trusts (e.g. X-Forwarded-Proto for
    /// HTTP_X_FORWARDED_PROTO) and the value that means https; null when unset, None or unknown.</summary>
    public static (string Header, string Value)? ProxySslHeader(SettingsModel settings)
    {
        if (settings["SECURE_PROXY_SSL_HEADER"]?.Value.AsStrings is not [var meta, var value]) return null;
        return (HeaderFromMeta(meta), value);
    }

    /// <summary>HTTP_X_FORWARDED_PROTO → X-Forwarded-Proto (how Django's META names a header).</summary>
    public static string HeaderFromMeta(string meta)
    {
        var name = meta.StartsWith("HTTP_", StringComparison.Ordinal) ? meta[5..] : meta;
        return string.Join('-', name.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));
    }
}
