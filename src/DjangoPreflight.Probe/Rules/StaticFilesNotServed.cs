using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL12: the admin's own stylesheet is not served at /static/, so collectstatic or the
/// static-file server is not set up.</summary>
public sealed class StaticFilesNotServed : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL12",
        Title: "Static files are not served",
        Category: Category.Live,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG off Django no longer serves static files. If collectstatic did not run, or
                nothing (nginx, WhiteNoise) serves STATIC_ROOT, pages lose their CSS and JavaScript, the
                admin is unusable, and the usual quick "fix" is turning DEBUG back on.
                """,
            Fix: """
                Run collectstatic on deploy and serve STATIC_ROOT from nginx (location /static/ { alias …; })
                or with WhiteNoise.
                """,
            Before: """
                $ curl -sI https://shop.example/static/admin/css/base.css
                HTTP/1.1 404 Not Found
                """,
            After: """
                $ curl -sI https://shop.example/static/admin/css/base.css
                HTTP/1.1 200 OK
                Content-Type: text/css
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.StaticFile?.Response is not { } r)
            yield break;
        if (r.Status == 200 && r.ContentType == "text/css")
            yield break;
        // Only a Django site is expected to have the admin's CSS; elsewhere the guess is weak.
        var confidence = DjangoEvidence.Of(o).Count > 0 ? Confidence.Medium : Confidence.Low;
        var what = r.Status == 200 ? $"answers with {r.ContentType}, not CSS" : $"answers {r.Status}";
        yield return Finding($"{ProbeObservations.StaticFilePath} {what}: static files (collectstatic output) are not served.",
            SourceLocation.ForUrl(r.Url.ToString()), confidence, setting: "STATIC_ROOT");
    }
}
