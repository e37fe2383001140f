using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>
/// Unknown is not a fact (#17). When production's deployment files pass a variable in from outside
/// the repository (a compose <c>${CORS_ALLOWED_ORIGINS}</c> without a default), the settings were
/// evaluated without it, and a finding about a setting that depends only on such variables judged
/// a value production does not run unless the operator leaves them empty. Such a finding is lowered
/// to low severity and low confidence, and its message names the variables and where they are set.
/// A finding whose message already names the variable ("falls back to a literal when X is missing")
/// judges the fail-open default as such, which is true whatever production sets: it stays.
/// </summary>
public static class PassedInVariables
{
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, ProjectContext project)
    {
        var passedIn = project.EnvProfile.PassedIn;
        if (passedIn.Count == 0 || project.Settings.Production is not { } settings) return findings;
        return LoweredFindings.Apply(findings, f =>
        {
            if (f.Severity <= Severity.Low || f.Setting is null || settings[f.Setting] is not { } setting
                || setting.UnsetEnvVars.Count == 0 || !setting.UnsetEnvVars.All(passedIn.ContainsKey)
                || setting.UnsetEnvVars.Any(v => f.Message.Contains(v, StringComparison.Ordinal)))
                return f;
            var them = setting.UnsetEnvVars.Count == 1 ? "it" : "them";
            var set = string.Join("; ", setting.UnsetEnvVars.Select(v => $"{v} at {passedIn[v]}"));
            return f with
            {
                Severity = Severity.Low,
                Confidence = Confidence.Low,
                Message = $"{f.Message} (Production's deployment sets {set} from outside the repository: this is the value without {them}, "
                    + $"so only a deployment that leaves {them} empty runs it.)",
            };
        });
    }
}
