using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP101: the production SECRET_KEY is a string literal in the source: assigned directly,
/// or reached because the active environment does not set the variable that would replace it.
/// (A literal fallback behind a variable the environment does set is DP103's alone.)</summary>
public sealed class SecretKeyLiteral : ProjectRule
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

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } production ? CheckModules(production, project.Settings.All) : [];

    public IEnumerable<Finding> CheckModules(SettingsModel production, IReadOnlyList<SettingsModel> all)
    {
        if (production["SECRET_KEY"] is not { IsDefault: false, Value: PyStr { Value.Length: > 0 } key } setting) yield break;
        var unset = setting.EnvVars.Where(setting.UnsetEnvVars.Contains).ToList();
        if (setting.FromEnvironment && unset.Count < setting.EnvVars.Count) yield break; // the environment provides it
        var location = LiteralOrigin.Find("SECRET_KEY", key.Value, production, all) ?? production.LocationOf("SECRET_KEY");
        var message = setting.FromEnvironment
            ? $"The production SECRET_KEY is the literal {Core.Secrets.Redact(key.Value)} from the source, because the environment does not set {string.Join(", ", unset)}."
            : $"SECRET_KEY is a string literal ({Core.Secrets.Redact(key.Value)}); read it from the environment or a secrets file.";
        yield return Finding(message, location, setting: "SECRET_KEY");
    }
}
