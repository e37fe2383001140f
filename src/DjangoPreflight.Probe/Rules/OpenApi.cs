using DjangoPreflight.Core;
using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Rules;

/// <summary>DPL10: the API answers an anonymous client, or DRF's browsable API is served.</summary>
public sealed class OpenApi : LiveRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DPL10",
        Title: "API answers without authentication, or the browsable API is exposed",
        Category: Category.Live,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["000"],
        Docs: new RuleDocs(
            Why: """
                Django REST framework's defaults are AllowAny permissions and the browsable API
                renderer: every endpoint is readable by anyone, and the HTML interface lists endpoints,
                fields and forms, which makes exploring and abusing the API easy.
                """,
            Fix: """
                Set REST_FRAMEWORK's DEFAULT_PERMISSION_CLASSES to IsAuthenticated (open endpoints then
                opt out one by one) and DEFAULT_RENDERER_CLASSES to JSONRenderer only in production.
                """,
            Before: """
                REST_FRAMEWORK = {}
                """,
            After: """
                REST_FRAMEWORK = {
                    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
                    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
                }
                """));

    public override IEnumerable<Finding> Check(ProbeObservations o)
    {
        if (o.ApiHtml?.Response is { } html && html.IsSuccess && DjangoMarkers.IsBrowsableApi(html.Body))
        {
            yield return Finding($"Django REST framework's browsable API is served at {html.Url.AbsolutePath} to an anonymous client (status {html.Status}).",
                SourceLocation.ForUrl(html.Url.ToString()));
            yield break;
        }
        var json = o.ApiJson?.Response ?? o.ApiHtml?.Response;
        if (json is { IsSuccess: true } && json.ContentType.EndsWith("json", StringComparison.Ordinal))
            yield return Finding($"The API at {json.Url.AbsolutePath} answers an anonymous client with data (status {json.Status}); check every endpoint needs authentication.",
                SourceLocation.ForUrl(json.Url.ToString()), Confidence.Medium);
    }
}
