using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Probe;

namespace DjangoPreflight.Rules.CrossChecks;

/// <summary>A rule over the production settings and what the live site sent (<c>scan PATH --url URL</c>):
/// where they contradict each other, production is not running these settings, or something in
/// between changes what Django sends.</summary>
public abstract class CrossCheckRule : Rule
{
    public abstract IEnumerable<Finding> Check(ProjectContext project, ProbeObservations live);

    /// <summary>The production value of <paramref name="name"/> when the project sets it and it is known.</summary>
    protected static PyValue? Known(ProjectContext project, string name) =>
        project.Settings.Production?[name] is { IsDefault: false, IsKnown: true } s ? s.Value : null;

    protected static string Where(ProjectContext project, string name) =>
        project.Settings.Production?.LocationOf(name) is { Path: { } path } at ? $"{path}{(at.Line is { } line ? $":{line}" : "")}" : "the settings";
}

/// <summary>Every cross-check rule, found by the rule-list source generator.</summary>
public static class CrossCheckRuleSet
{
    public static IReadOnlyList<CrossCheckRule> All { get; } =
        GeneratedRuleList.Create().OfType<CrossCheckRule>().OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal).ToList();
}
