using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.DjangoChecks;

/// <summary>
/// Base of the rules that mirror a check of <c>manage.py check --deploy</c>: they read the production
/// settings only, through <see cref="DeploySettings"/>, so they can be tested on a settings model
/// built by hand and compared with the real Django on generated projects.
/// </summary>
public abstract class DeployCheckRule : ProjectRule
{
    public sealed override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings
            ? Check(new DeploySettings(settings, project.Django.Version) { Derives = project.Code.Classes.Derives })
            : [];

    public abstract IEnumerable<Finding> Check(DeploySettings settings);

    /// <summary>
    /// The finding for a Django condition: none when it is false, a certain finding when true, and
    /// a low-confidence one naming the unknown values when it cannot be decided. The undecided
    /// message says only that: <paramref name="message"/> describes a value that was verified, so it
    /// is not used (it would call an unknown DEBUG "a non-boolean value"). Values an optional local file the
    /// repository does not hold may override are judged as the project sets them: safe there is no finding,
    /// unsafe cannot be decided (the operator's file may fix it), and the message says which file.
    /// </summary>
    protected IEnumerable<Finding> When(bool? fires, DeploySettings settings, string djangoId, string setting, string message)
    {
        if (fires == false) yield break;
        var files = settings.OverrideFiles;
        if (fires == true && files.Count == 0)
        {
            yield return Finding(message, settings.Where(setting), Confidence.Certain, setting, djangoId: djangoId);
            yield break;
        }
        var unknown = settings.UnknownReasons;
        var why = fires == true && unknown.Count == 0
            // Only an override module stands between the repository's values and the finding: say so plainly.
            ? $"it holds for the values the repository sets, which run wherever no optional override module changes them "
              + $"({string.Join("; ", files.Select(f => f.Describe))})"
            : string.Join("; ", unknown.Concat(files.Select(f => $"whether {f.Path} exists in production: {f.Absence}")).Distinct());
        yield return Finding($"Could not decide whether \"{Descriptor.Title}\": {(why.Length == 0 ? "a value is unknown" : why)}. Django reports {djangoId} if it holds.",
            settings.Where(setting), Confidence.Low, setting, djangoId: djangoId);
    }
}
