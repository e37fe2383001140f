using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL01: the site serves Django's technical (DEBUG = True) error pages.</summary>
public sealed class DebugPageServed : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL01",
        Title: "A Django debug page is served",
        Category: Category.Live,
        DefaultSeverity: Severity.Critical,
        DjangoIds: [],
        Seeds: ["000", "001", "003"],
        Docs: new RuleDocs(
            Why: """
                Django's technical error pages are shown only with DEBUG = True. The 404 page lists every
                URL pattern of the project; the 500 and DisallowedHost pages show source code, local
                variables, request headers and most of the settings to whoever triggers them.
                """,
            Fix: """
                Run production with DEBUG = False (read it from the environment, defaulting to off) and
                restart the application server.
                """,
            Before: """
                $ curl -s https://shop.example/no-such-page/ | grep DEBUG
                You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.
                """,
            After: """
                $ curl -s https://shop.example/no-such-page/ | grep DEBUG
                (nothing: the site's own 404 page)
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (o.ForgedHost?.Response is { } forged && DjangoMarkers.IsDisallowedHostDebugPage(forged.Body) && seen.Add("host"))
            yield return Finding(
                $"A request with Host: {ProbeObservations.ForeignHost} got the DisallowedHost debug page (status {forged.Status}): DEBUG is on.",
                SourceLocation.ForUrl(forged.Url.ToString()));
        foreach (var r in o.AllResponses)
        {
            if (!DjangoMarkers.IsDebugPage(r.Body) || DjangoMarkers.IsDisallowedHostDebugPage(r.Body))
                continue;
            var kind = r.Body.Contains("<title>Page not found at", StringComparison.Ordinal) ? "404" : "error";
            if (!seen.Add(kind))
                continue;
            yield return Finding(
                kind == "404"
                    ? $"The technical 404 page (DEBUG = True) is served for {r.Url.AbsolutePath}, listing the project's URL patterns."
                    : $"A technical error page (DEBUG = True) is served for {r.Url.AbsolutePath} (status {r.Status}).",
                SourceLocation.ForUrl(r.Url.ToString()));
        }
    }
}
