using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

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
        if (production["SECRET_KEY"] is not { IsDefault: false, Value: PyStr { Value.Length: > 0 } key } setting)
            yield break;
        var sharers = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var other in all)
        {
            if (other.Module == production.Module || other["SECRET_KEY"] is not { IsDefault: false, Value: PyStr theirs } otherKey
                || theirs.Value != key.Value)
                continue;
            // A module that itself assigns the very key production inherits is production's base, not
            // another environment; a module inheriting it (or assigning a copy) is one.
            var isProductionsBase = otherKey.Source is { } s && s == setting.Source && s.Path == other.Path;
            if (!isProductionsBase) sharers.Add(other.Module);
        }
        if (sharers.Count == 0) yield break;
        yield return Finding(
            $"The production SECRET_KEY ({Core.Secrets.Redact(key.Value)}) is also the key of {string.Join(", ", sharers)}.",
            production.LocationOf("SECRET_KEY"), setting.EnvVars.Count == 0 ? Confidence.Certain : Confidence.High, "SECRET_KEY");
    }
}
