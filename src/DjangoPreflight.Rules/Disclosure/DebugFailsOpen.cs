using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>
/// DP202: DEBUG is off under the production environment, but becomes truthy when one of the
/// variables it reads is missing. Division of labour with DP201: DP201 reports DEBUG that is already
/// truthy under the active environment (whatever the cause, a missing variable included); DP202
/// only reports the latent case, so one cause never yields both findings.
/// </summary>
public sealed class DebugFailsOpen : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP202",
        Title: "DEBUG fails open when its env var is missing",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                A default of True (or a string such as "False", which is truthy) means that a deployment
                that forgets or misspells the variable serves Django's debug pages to the internet: source
                code, settings and local variables on every error.
                """,
            Fix: """
                Make the safe value the default: read the variable so that anything but an explicit opt-in
                gives False, and parse it as a boolean rather than using the raw string.
                """,
            Before: """
                DEBUG = os.environ.get("DJANGO_DEBUG", "True") == "True"
                """,
            After: """
                DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings)
    {
        // Already truthy (or unknown) under the active environment: DP201's finding, not ours.
        if (settings["DEBUG"] is not { IsDefault: false, FromEnvironment: true } debug || debug.Value.Truthy != false)
            yield break;
        foreach (var variable in debug.EnvVars)
        {
            if (!debug.WhenMissing.TryGetValue(variable, out var fallback) || fallback.Truthy != true) continue;
            yield return Finding($"DEBUG becomes {Describe(fallback)} when {variable} is missing from the environment.",
                settings.LocationOf("DEBUG"), setting: "DEBUG");
        }
    }

    private static string Describe(PyValue value) => value switch
    {
        PyBool { Value: true } => "True",
        PyStr s => $"the truthy string \"{s.Value}\"",
        _ => "truthy",
    };
}
