using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP108: a database, cache or email password (or a URL carrying one) is written in the
/// settings source, either directly or as the default used when its env var is missing.</summary>
public sealed partial class CredentialLiteral : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP108",
        Title: "A password or credential URL is a literal in settings",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Passwords in the source are readable by everyone with access to the repository, its forks
                and its history, and they cannot be rotated without a code change. A literal used as the
                default of an env var is worse: it silently becomes production's password when the variable
                is forgotten.
                """,
            Fix: """
                Read credentials from the environment or a secrets manager without a default, and rotate any
                password that was ever committed.
                """,
            Before: """
                DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": "s3cret"}}
                """,
            After: """
                DATABASES = {"default": env.db("DATABASE_URL")}
                """));

    // scheme://user:password@host — the password part is what makes a URL a credential.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://[^/@:\s]*:(?<pw>[^/@\s]+)@", RegexOptions.CultureInvariant)]
    private static partial Regex CredentialUrl();

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings)
    {
        foreach (var (name, setting) in settings.Settings.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (setting.IsDefault || !IsCredentialSetting(name)) continue;
            var current = Credentials(name, setting.Value);
            if (!setting.FromEnvironment)
            {
                foreach (var (path, secret) in current)
                    yield return Finding($"{path} is a literal in settings ({Core.Secrets.Redact(secret)}); read it from the environment.",
                        settings.LocationOf(name), setting: name);
                continue;
            }
            // An env-backed setting: a credential that appears only when a variable is missing is the
            // variable's literal default (a credential also present now may come from the environment).
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var variable in setting.EnvVars)
            {
                if (!setting.WhenMissing.TryGetValue(variable, out var fallback)) continue;
                foreach (var (path, secret) in Credentials(name, fallback))
                {
                    if (current.Any(c => c.Path == path && c.Secret == secret) || !reported.Add(path)) continue;
                    yield return Finding(
                        $"{path} falls back to a literal ({Core.Secrets.Redact(secret)}) when {variable} is missing.",
                        settings.LocationOf(name), setting: name);
                }
            }
        }
    }

    private static bool IsCredentialSetting(string name) =>
        name is "DATABASES" or "CACHES" || name.EndsWith("PASSWORD", StringComparison.Ordinal)
        || name.EndsWith("_URL", StringComparison.Ordinal) || name.EndsWith("_URLS", StringComparison.Ordinal)
        || name.Contains("BROKER", StringComparison.Ordinal) || name.EndsWith("LOCATION", StringComparison.Ordinal);

    /// <summary>Every non-empty password or password-carrying URL inside a setting value, with the
    /// path that names it (e.g. <c>DATABASES["default"]["PASSWORD"]</c>), in a stable order.</summary>
    private static List<(string Path, string Secret)> Credentials(string name, PyValue value)
    {
        var found = new List<(string, string)>();
        Walk(name, value, isPasswordSlot: name.EndsWith("PASSWORD", StringComparison.Ordinal), found, depth: 0);
        return found;
    }

    private static void Walk(string path, PyValue value, bool isPasswordSlot, List<(string, string)> found, int depth)
    {
        if (depth > 6) return;
        switch (value)
        {
            case PyStr { Value.Length: > 0 } s when isPasswordSlot:
                found.Add((path, s.Value));
                break;
            case PyStr s when CredentialUrl().Match(s.Value) is { Success: true } m && !m.Groups["pw"].Value.StartsWith('$'):
                found.Add((path, m.Groups["pw"].Value));
                break;
            case PyDict d:
                foreach (var (k, v) in d.Entries)
                    if (k is PyStr key)
                        Walk($"{path}[\"{key.Value}\"]", v, key.Value.EndsWith("PASSWORD", StringComparison.OrdinalIgnoreCase), found, depth + 1);
                break;
            case { AsSequence: { } items }:
                for (var i = 0; i < items.Length; i++)
                    Walk($"{path}[{i}]", items[i], false, found, depth + 1);
                break;
        }
    }
}
