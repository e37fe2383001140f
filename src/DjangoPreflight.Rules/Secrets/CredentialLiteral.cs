using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP108: a database, cache or email password (or a URL carrying one) is written in a
/// settings module's source, either directly or as the default used when its env var is missing.
/// The production module is checked first (high); other settings modules (development, CI) at medium,
/// since their literals end up in the same repository and are often reused.</summary>
public sealed partial class CredentialLiteral : ProjectRule
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
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://[^/@:\s]*:(?<pw>[^/@\s]+)@", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex CredentialUrl();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*){2,}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex ImportPath();

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } production
            ? CheckModules(production, project.Settings.All, project.Code.Locator, project.EnvProfile.Origins.Keys.ToHashSet(StringComparer.Ordinal))
            : [];

    /// <param name="locator">Finds the literal in the source; without it (hand-built settings) a
    /// credential counts as literal only when its setting does not depend on the environment.</param>
    /// <param name="setByDeployment">The variables production's deployment files set (the environment
    /// the settings were evaluated under when the user named none): a literal that is only their
    /// fallback is not production's password, so it is said at low severity.</param>
    public IEnumerable<Finding> CheckModules(SettingsModel production, IReadOnlyList<SettingsModel> all, SettingLocator? locator = null,
        IReadOnlySet<string>? setByDeployment = null)
    {
        var reported = new HashSet<(string?, int?)>();
        var others = all.Where(m => m.Module != production.Module).OrderBy(m => m.Module, StringComparer.Ordinal);
        foreach (var module in others.Prepend(production))
        {
            var isProduction = module == production;
            foreach (var (name, setting) in module.Settings.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (setting.IsDefault || !IsCredentialSetting(name)) continue;
                foreach (var (path, secret, missing) in Literals(module, name, setting, locator))
                {
                    var location = locator?.Find(module, name, s => Holds(s, secret), LastKey(path)) ?? module.LocationOf(name);
                    if (!reported.Add((location.Path, location.Line))) continue;
                    var where = isProduction ? "" : $" in {module.Module}";
                    var what = missing is null ? $"{path} is a literal{where} ({Core.Secrets.Redact(secret)}); read it from the environment."
                        : $"{path} falls back to a literal{where} ({Core.Secrets.Redact(secret)}) when {Prose.And(missing)} {(missing.Count == 1 ? "is" : "are")} missing.";
                    var fallbackOnly = isProduction && missing is { Count: > 0 } && setByDeployment is not null && missing.All(setByDeployment.Contains);
                    var them = missing is { Count: > 1 } ? "them" : "it";
                    if (fallbackOnly) what += $" Production's deployment files set {them}, so only a deployment that leaves {them} out uses the literal.";
                    yield return Finding(what, location, setting: name, severity: fallbackOnly ? Severity.Low : isProduction ? null : Severity.Medium);
                }
            }
        }
    }

    /// <summary>The credentials of a setting that are written in the source, with the variable whose
    /// absence selects them (null when they are used as they are).</summary>
    private static IEnumerable<(string Path, string Secret, IReadOnlyList<string>? Missing)> Literals(SettingsModel module, string name, Setting setting, SettingLocator? locator)
    {
        var set = setting.EnvVars.Except(setting.UnsetEnvVars).ToList();
        // A credential whose own variable the environment sets is that variable's value, even when it
        // equals a literal of the source (a deployment that sets the password to the default's text).
        // A literal an optional override module may replace is still written in the source.
        var all = Credentials(name, PyOverridable.Fallback(setting.Value));
        var current = all.Where(c => ControllingVariables(c.Path, set) is null).ToList();
        foreach (var (path, secret) in current)
        {
            // Without the environment it is certainly a literal; with it, only if the source shows the text,
            // and then, when the profile lacks the variables it reads, it is their default, not "a literal".
            if (!setting.FromEnvironment) yield return (path, secret, null);
            else if (locator?.Find(module, name, s => Holds(s, secret)) is not null)
                yield return (path, secret, ControllingVariables(path, setting.UnsetEnvVars));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in setting.EnvVars)
        {
            if (!setting.WhenMissing.TryGetValue(variable, out var fallback)) continue;
            // A credential that appears only when a variable is missing is that variable's literal default.
            foreach (var (path, secret) in Credentials(name, fallback))
                // The same credential with the variable set is not that variable's default, unless it is
                // the credential's own variable (whose value the environment happens to set to the default's text).
                if (!current.Any(c => c.Path == path && c.Secret == secret)
                    && (!all.Any(c => c.Path == path && c.Secret == secret) || ControllingVariables(path, [variable]) is not null) && seen.Add(path))
                    yield return (path, secret, [variable]);
        }
    }

    /// <summary>The variables (of <paramref name="variables"/>) named for this credential (a password's, or a
    /// URL's); null when none is: the setting reads other variables (a HOST), and the password is a
    /// literal whatever they hold.</summary>
    private static IReadOnlyList<string>? ControllingVariables(string path, IReadOnlyList<string> variables)
    {
        var named = variables.Where(v => path.Contains("PASSWORD", StringComparison.Ordinal)
            ? v.Contains("PASS", StringComparison.Ordinal) || v.Contains("PWD", StringComparison.Ordinal)
            : v.Contains("URL", StringComparison.Ordinal) || v.Contains("URI", StringComparison.Ordinal)).ToList();
        return named.Count > 0 ? named : null;
    }

    /// <summary>The last dict key of a credential's path (<c>DATABASES["default"]["PASSWORD"]</c> → PASSWORD).</summary>
    private static string? LastKey(string path) =>
        path.EndsWith("\"]", StringComparison.Ordinal) && path.LastIndexOf("[\"", StringComparison.Ordinal) is var start and >= 0
            ? path[(start + 2)..^2] : null;

    /// <summary>Whether a string literal of the source is this credential: the password itself, or a
    /// URL whose password part it is (a mere substring of some other text does not count).</summary>
    private static bool Holds(string literal, string secret) =>
        literal == secret || literal.Contains("://", StringComparison.Ordinal) && literal.Contains(":" + secret + "@", StringComparison.Ordinal);

    private static bool IsCredentialSetting(string name) =>
        name is "DATABASES" or "CACHES" || name.EndsWith("PASSWORD", StringComparison.Ordinal)
        || name.EndsWith("_URL", StringComparison.Ordinal) || name.EndsWith("_URLS", StringComparison.Ordinal) || name.EndsWith("_URI", StringComparison.Ordinal)
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
            // A dotted import path (an authentication backend's class) in a setting named like a password is code, not a credential.
            case PyStr { Value.Length: > 0 } s when isPasswordSlot && !ImportPath().IsMatch(s.Value):
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
