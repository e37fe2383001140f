using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP103: SECRET_KEY is read from the environment but falls back to a literal when the
/// variable is missing, so a deployment that forgets it runs with a key from the source. A file the
/// settings load only if it exists, which the repository does not hold, is such a variable too.</summary>
public sealed class SecretKeyFailsOpen : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP103",
        Title: "SECRET_KEY falls back to a literal default",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                A default keeps the application starting when the variable is missing, silently, with a key
                everyone who can read the source knows. The missing variable is never noticed, and sessions
                and reset links can be forged.
                """,
            Fix: """
                Read the key without a default so that a missing variable stops the application at start-up
                (os.environ["..."], env("...") without default=, config("...") without default=).
                """,
            Before: """
                SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-key-change-me")
                """,
            After: """
                SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["SECRET_KEY"] is not { IsDefault: false } key)
            yield break;
        if (!key.FromEnvironment)
        {
            // A key only an optional file the repository does not hold replaces (a git-ignored local_settings.py,
            // a key file on a volume): a deployment without it runs the literal.
            if (key.Value is PyOverridable { Repository: PyStr { Value.Length: > 0 } literal } hooked)
                yield return Finding($"SECRET_KEY falls back to a literal ({Core.Secrets.Redact(literal.Value)}) unless {hooked.File.Path} provides another: "
                    + $"the repository does not hold that file ({hooked.File.HowLoaded}).",
                    settings.LocationOf("SECRET_KEY"), setting: "SECRET_KEY");
            yield break;
        }
        // One finding per literal: when the key is read from several variables in turn (SECRET_KEY_FILE,
        // then SECRET_KEY), the literal is reached only when all of them are missing.
        var fallbacks = key.EnvVars
            .Select(v => (Variable: v, Fallback: key.WhenMissing.GetValueOrDefault(v)))
            .Where(x => x.Fallback is PyStr { Value.Length: > 0 })
            .GroupBy(x => ((PyStr)x.Fallback!).Value, StringComparer.Ordinal);
        foreach (var group in fallbacks)
        {
            var literal = group.Key;
            var variables = group.Select(x => x.Variable).ToList();
            var inUse = key.Value is PyStr current && current.Value == literal;
            var named = Prose.And(variables);
            var one = variables.Count == 1;
            var message = $"SECRET_KEY falls back to a literal ({Core.Secrets.Redact(literal)}) when {named} {(one ? "is" : "are")} missing."
                + (inUse ? $" The active environment does not set {(one ? "it" : "them")}, so this default is the key in use." : "");
            yield return Finding(message, settings.LocationOf("SECRET_KEY"), setting: "SECRET_KEY");
        }
    }
}
