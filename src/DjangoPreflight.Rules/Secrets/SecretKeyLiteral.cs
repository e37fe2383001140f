using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP101: the production SECRET_KEY is a string literal in the source.</summary>
public sealed class SecretKeyLiteral : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP101",
        Title: "SECRET_KEY is a literal in source",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["000", "001", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                SECRET_KEY signs sessions, password-reset links and messages. A key written in the source
                is known to everyone who can read the repository, its forks, backups and CI logs, and it
                stays in git history after it is changed. Whoever has it can forge sessions and reset links.
                """,
            Fix: """
                Read the key from the environment (or a secrets file mounted at deploy time) and fail when
                it is missing. Generate a new key: the old one must be treated as leaked.
                """,
            Before: """
                SECRET_KEY = "k#8d!x0v...q2"
                """,
            After: """
                SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings)
    {
        // Only a key the project assigns from a literal: env-backed keys with a literal fallback are DP103's.
        if (settings["SECRET_KEY"] is not { IsDefault: false, FromEnvironment: false, Value: PyStr { Value.Length: > 0 } key })
            yield break;
        yield return Finding(
            $"SECRET_KEY is a string literal ({Core.Secrets.Redact(key.Value)}); read it from the environment or a secrets file.",
            settings.LocationOf("SECRET_KEY"), setting: "SECRET_KEY");
    }
}
