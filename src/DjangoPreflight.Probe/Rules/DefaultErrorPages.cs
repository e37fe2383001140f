using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL15: Django's bare built-in 404 page is served (no 404.html template).</summary>
public sealed class DefaultErrorPages : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL15",
        Title: "Django's bare default error pages are served",
        Category: Category.Live,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                Without 404.html and 500.html templates Django answers with one-line pages that give users
                no way back and tell visitors the site runs Django. The 500 page is only seen when something
                breaks, which is when a helpful page matters most.
                """,
            Fix: """
                Add templates/404.html and templates/500.html (500.html gets no context: keep it static).
                """,
            Before: """
                <h1>Not Found</h1><p>The requested resource was not found on this server.</p>
                """,
            After: """
                {% extends "base.html" %}{% block content %}<h1>Page not found</h1><a href="/">Home</a>{% endblock %}
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.NotFound?.Response is { Status: 404 } r && DjangoMarkers.IsDefault404(r.Body))
            yield return Finding($"{r.Url.AbsolutePath} got Django's built-in 404 page: no 404.html template (a 500.html is likely missing too).",
                SourceLocation.ForUrl(r.Url.ToString()), Confidence.High);
    }
}
