using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP206: 404.html or 500.html (and, as advice, 400.html/403.html) is not where Django's
/// template engines would find it, and no custom handler replaces the default error view.</summary>
public sealed class ErrorTemplatesMissing : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP206",
        Title: "Custom error templates are missing",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Without 404.html and 500.html Django answers errors with its bare built-in pages: they
                identify the site as Django, give users no way back, and a 500 page outside your layout
                looks like a broken site.
                """,
            Fix: """
                Add 404.html and 500.html (and 400.html, 403.html) to a template directory: a folder in
                TEMPLATES' DIRS, or an app's templates/ folder with APP_DIRS on. Keep 500.html free of
                template logic that needs the database or the request context.
                """,
            Before: """
                templates/
                    base.html
                """,
            After: """
                templates/
                    base.html
                    404.html
                    500.html
                """));

    private static readonly string[] Essential = ["404.html", "500.html"];

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        project.Settings.Production is { } settings ? CheckFacts(settings, project.Code.Templates, project.Code.Urls) : [];

    public IEnumerable<Finding> CheckFacts(SettingsModel settings, TemplateFacts templates, UrlFacts urls)
    {
        // A custom handler404/handler500 view renders what it likes: its template is not ours to require.
        var missing = TemplateFacts.ErrorTemplates
            .Where(t => templates.ErrorTemplatesPresence[t] == TemplatePresence.Missing && !urls.ErrorHandlers.ContainsKey("handler" + t[..3]))
            .ToList();
        if (missing.Count == 0) yield break;
        var essential = missing.Intersect(Essential).Any();
        var where = templates.SearchedDirectories.Count == 0 ? "no template directory is configured"
            : $"searched {string.Join(", ", templates.SearchedDirectories.Select(d => d.Length == 0 ? "./" : d + "/"))}";
        // The templates belong in the first template directory; without one, TEMPLATES is what to change.
        var location = templates.SearchedDirectories.Count > 0 ? new SourceLocation(templates.SearchedDirectories[0]) : settings.LocationOf("TEMPLATES");
        yield return Finding($"Custom error templates missing: {string.Join(", ", missing)} ({where}); Django serves its bare default pages.",
            location, Confidence.High, "TEMPLATES", essential ? null : Severity.Info);
    }
}
