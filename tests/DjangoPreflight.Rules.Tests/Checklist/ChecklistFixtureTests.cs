using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.Checklist;

/// <summary>Each checklist rule on tiny real Django projects (Fixtures/&lt;RuleId&gt;/fires and
/// /silent), scanned end to end: parser, settings evaluator, code facts, rule. Findings are pinned
/// as "RULE path:line:column message".</summary>
public class ChecklistFixtureTests
{
    private static List<string> Scan(string rule, string fixture, params (string Key, string Value)[] env)
    {
        var root = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", rule, fixture);
        var options = new ScanOptions { NoHistory = true, EnvPairs = env.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)).ToList() };
        var project = new ProjectContext(root, options);
        var report = ProjectScanner.Scan(project, ProjectRuleSet.All.Where(r => r.Descriptor.Id == rule), fixture);
        return report.Findings.Select(f => $"{f.RuleId} {f.Location} {f.Message}").ToList();
    }

    public static TheoryData<string, string[]> Firing => new()
    {
        { "DP207", ["DP207 shop/urls.py:5:5 The admin is mounted at the default URL \"admin/\"."] },
        {
            "DP503",
            [
                // Changes data by a guessable id and verifies nothing.
                "DP503 proj/urls.py:7:19 views.hook is wrapped in csrf_exempt() and changes data without verifying a signature or credential: anyone can send it.",
                "DP503 shop/views.py:12:2 View update_profile is exempt from CSRF protection and acts as the signed-in user (request.user, the session, or a login decorator or mixin): any website can make a visitor's browser send it.",
                // Hands the request to a package's function: whether it acts as the user is unknown.
                "DP503 shop/views.py:19:2 Class Upload is exempt from CSRF protection; make sure it does not act on the session or verifies requests otherwise.",
                // A login view checks a username and password a forged request carries too: still a hole.
                "DP503 shop/views.py:32:2 View login_view is exempt from CSRF protection and acts as the signed-in user (request.user, the session, or a login decorator or mixin): any website can make a visitor's browser send it.",
                // Import is exempt; SafeImport, which defines dispatch itself, is not (as_view reads the nearest dispatch).
                "DP503 shop/views.py:40:2 Class Import is exempt from CSRF protection and acts as the signed-in user (request.user, the session, or a login decorator or mixin): any website can make a visitor's browser send it.",
                // A slug in the URL is no secret.
                "DP503 shop/views.py:53:2 View rename is exempt from CSRF protection and changes data without verifying a signature or credential: anyone can send it.",
            ]
        },
        {
            "DP501",
            ["DP501 proj/settings.py:7:1 'django.middleware.csrf.CsrfViewMiddleware' is not in MIDDLEWARE: views are not protected against CSRF."]
        },
        {
            "DP511",
            [
                "DP511 shop/api.py:8:5 OrderViewSet accepts POST, PUT, PATCH, DELETE with AllowAny: anyone can write through it.",
                "DP511 shop/api.py:12:5 Feedback accepts POST with an empty permission_classes: anyone can write through it.",
                "DP511 shop/api.py:16:2 comment accepts POST with AllowAny: anyone can write through it.",
                // Reading is_authenticated only to choose an owner refuses nobody.
                "DP511 shop/api.py:23:5 NoteViewSet accepts POST, PUT, PATCH, DELETE with AllowAny: anyone can write through it.",
            ]
        },
        {
            "DP410",
            [
                "DP410 shop/middleware.py:12:9 __call__() echoes the request's Origin in Access-Control-Allow-Origin without checking it, with Access-Control-Allow-Credentials: true: any website can make authenticated requests and read the responses.",
                "DP410 shop/middleware.py:21:9 process_response() echoes the request's Origin in Access-Control-Allow-Origin without checking it: any website can read these responses.",
                "DP410 shop/middleware.py:26:34 preflight() echoes the request's Origin in Access-Control-Allow-Origin without checking it, with Access-Control-Allow-Credentials: true: any website can make authenticated requests and read the responses.",
                "DP410 shop/middleware.py:31:5 star_with_credentials() sends Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true; browsers refuse that pair, and echoing the Origin instead would let any website act as the user.",
            ]
        },
        { "DP206", ["DP206 templates Custom error templates missing: 400.html, 404.html, 500.html (searched templates/, shop/templates/); Django serves its bare default pages."] },
        { "DP210", ["DP210 proj/settings.py:21:5 sentry_sdk.init(send_default_pii=True) sends users' personal data (IP, cookies, user, request bodies) to Sentry."] },
        { "DP209", ["DP209 proj/settings.py:16:1 No error reporting: ADMINS is empty and no error tracker (e.g. sentry_sdk.init) is configured, so production errors go unnoticed."] },
        { "DP204", ["DP204 proj/settings.py:15:38 ALLOWED_HOSTS contains \"*\", which accepts any Host header."] },
        {
            "DP205",
            [
                "DP205 proj/settings.py:17:5 ALLOWED_HOSTS entry \"10.0.0.0/8\" can never match: CIDR ranges are not supported; list addresses one by one.",
                "DP205 proj/settings.py:18:5 ALLOWED_HOSTS entry \"https://shop.example.com\" can never match: it includes a URL scheme; use the bare host name.",
                "DP205 proj/settings.py:19:5 ALLOWED_HOSTS entry \"shop.example.com:443\" can never match: the port is removed from the Host header before matching.",
            ]
        },
        { "DP103", ["DP103 proj/settings.py:14:1 SECRET_KEY falls back to a literal (dev-… (29 chars)) when DJANGO_SECRET_KEY is missing. The active environment does not set it, so this default is the key in use."] },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public void Rule_fires_on_its_fixture(string rule, string[] expected) => Assert.Equal(expected, Scan(rule, "fires"));

    [Theory]
    [InlineData("DP207")]
    [InlineData("DP501")]
    [InlineData("DP503")]
    [InlineData("DP511")]
    [InlineData("DP410")]
    [InlineData("DP206")]
    [InlineData("DP210")]
    [InlineData("DP209")]
    [InlineData("DP204")]
    [InlineData("DP205")]
    [InlineData("DP103")]
    [InlineData("DP202")]
    public void Rule_is_silent_on_its_near_miss(string rule) => Assert.Empty(Scan(rule, "silent", ("DJANGO_SECRET_KEY", "k"), ("DJANGO_DEBUG", "0")));

    [Fact]
    public void DP202_reports_the_latent_fallback_while_the_environment_turns_debug_off()
    {
        Assert.Equal(["DP202 proj/settings.py:15:1 DEBUG becomes True when DJANGO_DEBUG is missing from the environment."],
            Scan("DP202", "fires", ("DJANGO_SECRET_KEY", "k"), ("DJANGO_DEBUG", "0")));
        Assert.Equal(["DP202 proj/settings.py:15:1 DEBUG becomes True when DJANGO_DEBUG is missing from the environment. The active environment does not set DJANGO_DEBUG, which is why DEBUG is on."],
            Scan("DP202", "fires", ("DJANGO_SECRET_KEY", "k")));
    }
}
