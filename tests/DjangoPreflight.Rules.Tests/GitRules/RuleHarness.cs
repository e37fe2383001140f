namespace DjangoPreflight.Rules.Tests.GitRules;

/// <summary>Runs one rule on a directory, the way the scanner does.</summary>
public static class RuleHarness
{
    public static List<Core.Finding> Run(Rules.ProjectRule rule, string root, Analysis.Project.ScanOptions? options = null) =>
        Run(rule, root, options, out _);

    public static List<Core.Finding> Run(Rules.ProjectRule rule, string root, Analysis.Project.ScanOptions? options, out IReadOnlyList<string> notices)
    {
        var project = new Analysis.Project.ProjectContext(root, options ?? new Analysis.Project.ScanOptions());
        var findings = rule.Check(project).ToList();
        notices = project.Diagnostics.Notices;
        return findings;
    }

    /// <summary>rule, path:line, severity, confidence and message of a finding, for one-line assertions.</summary>
    public static string Describe(Core.Finding f) =>
        $"{f.RuleId} {f.Location} {f.Severity.ToString().ToLowerInvariant()}/{f.Confidence.ToString().ToLowerInvariant()}: {f.Message}";
}
