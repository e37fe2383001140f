using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP104: production's SECRET_KEY literal is also the key of another settings module
/// (development, staging, tests), so a leak of any environment is a leak of production.</summary>
public sealed class SecretKeySharedAcrossModules : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP104",
        Title: "The same SECRET_KEY is used by several environments",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Development and test settings are copied to laptops, CI runners and screenshots. When they
                carry production's key, anyone with a development checkout can forge production sessions
                and password-reset links.
                """,
            Fix: """
                Give production its own key, read from the environment, and never let it appear in a
                development or shared base module.
                """,
            Before: """
                # settings/base.py
                SECRET_KEY = "k#8d!x0v...q2"      # inherited by dev.py and production.py
                """,
            After: """
                # settings/production.py
                SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } production ? CheckModules(production, project.Settings.All) : [];

    /// <summary>The rule on an explicit production module and list of all settings modules.</summary>
    public IEnumerable<Finding> CheckModules(SettingsModel production, IReadOnlyList<SettingsModel> all)
    {
        if (production["SECRET_KEY"] is not { IsDefault: false, Value: PyStr { Value.Length: > 0 } key } setting) yield break;
        // Production's key comes from the environment (the variable is set): it is not a shared literal.
        if (setting.FromEnvironment && setting.EnvVars.Any(v => !setting.UnsetEnvVars.Contains(v))) yield break;
        var same = all.Where(m => m.Module != production.Module && m["SECRET_KEY"] is { IsDefault: false, Value: PyStr theirs } && theirs.Value == key.Value).ToList();
        var sources = same.Select(m => m["SECRET_KEY"]!.Source).Append(setting.Source).OfType<SourceLocation>().ToList();
        var sharers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var other in same)
        {
            var source = other["SECRET_KEY"]!.Source;
            // A module that itself assigns the literal others inherit is their common base, not an environment.
            var isBase = source is not null && source.Path == other.Path && sources.Count(s => s == source) > 1;
            if (!isBase) sharers.Add(other.Module);
        }
        if (sharers.Count == 0) yield break;
        var location = LiteralOrigin.Find("SECRET_KEY", key.Value, production, all) ?? production.LocationOf("SECRET_KEY");
        yield return Finding(
            $"The production SECRET_KEY ({Core.Secrets.Redact(key.Value)}) is also the key of {string.Join(", ", sharers)}.",
            location, setting: "SECRET_KEY");
    }
}
