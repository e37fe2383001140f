using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP410: the project's own code (a middleware, a decorator, a view) writes an
/// Access-Control-Allow-Origin header that echoes the request's Origin unchecked, or sends <c>*</c>
/// together with Access-Control-Allow-Credentials: true.</summary>
public sealed class CorsHeadersWrittenByHand : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP410",
        Title: "Code writes CORS headers that let any origin in",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Echoing the request's Origin header back in Access-Control-Allow-Origin allows every website,
                exactly like a "*", but browsers also accept it with Access-Control-Allow-Credentials: true:
                then any page a logged-in user visits can call the site with their cookies and read the
                answers. Sending "*" with credentials shows the same intent; browsers refuse that pair, and
                the usual way to make it work is to echo the Origin.
                """,
            Fix: """
                Use django-cors-headers with CORS_ALLOWED_ORIGINS, or compare the Origin with a fixed list of
                your front-end origins before echoing it, and send Access-Control-Allow-Credentials only to
                those origins.
                """,
            Before: """
                response["Access-Control-Allow-Origin"] = request.headers.get("Origin")
                response["Access-Control-Allow-Credentials"] = "true"
                """,
            After: """
                origin = request.headers.get("Origin")
                if origin in settings.FRONTEND_ORIGINS:
                    response["Access-Control-Allow-Origin"] = origin
                    response["Access-Control-Allow-Credentials"] = "true"
                """));

    public override IEnumerable<Finding> Check(ProjectContext project) => CheckCode(project.Code.HandWrittenCors);

    public IEnumerable<Finding> CheckCode(IEnumerable<HandWrittenCors> headers)
    {
        foreach (var h in headers)
            yield return h.Fault switch
            {
                HandWrittenCorsFault.ReflectsOrigin when h.WithCredentials => Finding(
                    $"{h.Function}() echoes the request's Origin in Access-Control-Allow-Origin without checking it, with Access-Control-Allow-Credentials: true: any website can make authenticated requests and read the responses.",
                    h.Location, Confidence.High, severity: Severity.High),
                HandWrittenCorsFault.ReflectsOrigin => Finding(
                    $"{h.Function}() echoes the request's Origin in Access-Control-Allow-Origin without checking it: any website can read these responses.",
                    h.Location, Confidence.High),
                // Browsers refuse credentialed responses under "*": a sign of intent, not yet an open door.
                _ => Finding(
                    $"{h.Function}() sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true; browsers refuse that pair, and echoing the Origin instead would let any website act as the user.",
                    h.Location, Confidence.High, severity: Severity.Low),
            };
    }
}
