using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>
/// DP202: DEBUG is read from the environment in a way that turns it on when a variable is missing
/// (a truthy default) or malformed (the raw string is used, so "False" and "0" are truthy).
/// Division of labour with DP201: DP201 reports the state, DEBUG truthy under the active
/// environment (Django's W018); DP202 reports the code that fails open, whatever the active
/// environment holds. When the active environment lacks the variable, both fire on the same line:
/// DP202's message then says that this fallback is why DEBUG is on, so the two read as effect
/// (DP201) and cause (DP202); fixing the code clears both, setting the variable clears only DP201.
/// An optional override module the repository does not hold (a git-ignored local_settings.py) is such a
/// variable too: a DEBUG only that module may turn off fails open, and DP201 leaves it to this rule.
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

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["DEBUG"] is not { IsDefault: false } debug) yield break;
        var location = settings.LocationOf("DEBUG");
        if (!debug.FromEnvironment)
        {
            // Only an optional override module the repository does not hold may turn DEBUG off: a
            // deployment without it, or whose copy leaves DEBUG out, runs the repository's value.
            if (debug.Value is PyOverridable { Repository.Truthy: true } hooked)
                yield return Finding($"DEBUG is {Describe(hooked.Repository)} unless {hooked.File.Path} sets it: the repository does not hold that file "
                    + $"({hooked.File.HowLoaded}).", location, setting: "DEBUG");
            yield break;
        }
        var reported = false;
        foreach (var variable in debug.EnvVars)
        {
            if (!debug.WhenMissing.TryGetValue(variable, out var fallback) || fallback.Truthy != true) continue;
            var cause = debug.UnsetEnvVars.Contains(variable)
                ? $" The active environment does not set {variable}, which is why DEBUG is on."
                : "";
            yield return Finding($"DEBUG becomes {Describe(fallback)} when {variable} is missing from the environment.{cause}",
                location, setting: "DEBUG");
            reported = true;
        }
        // The raw string of the variable used as DEBUG: every non-empty value, "False" and "0" too, is truthy.
        if (!reported && debug.Value is PyStr { Value.Length: > 0 } raw && debug.UnsetEnvVars.Count == 0)
            yield return Finding($"DEBUG is the raw string \"{raw.Value}\" of {string.Join(", ", debug.EnvVars)}: any non-empty value, \"False\" and \"0\" included, turns it on.",
                location, setting: "DEBUG");
    }

    private static string Describe(PyValue value) => value switch
    {
        PyBool { Value: true } => "True",
        PyStr s => $"the truthy string \"{s.Value}\"",
        _ => "truthy",
    };
}
