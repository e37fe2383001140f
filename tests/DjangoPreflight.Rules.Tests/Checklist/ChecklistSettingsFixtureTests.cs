using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.Checklist;

/// <summary>The settings-based checklist rules on tiny real Django projects (Fixtures/&lt;RuleId&gt;/fires
/// and /silent): each settings module is evaluated by the real evaluator, under an environment that
/// sets DJANGO_SECRET_KEY. Findings are pinned as "RULE path:line:column message".</summary>
public class ChecklistSettingsFixtureTests
{
    private static List<string> Scan(string rule, string fixture)
    {
        var root = Path.Combine(RepoPaths.Root, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", rule, fixture);
        var options = new ScanOptions { NoHistory = true, EnvPairs = [new("DJANGO_SECRET_KEY", "fixture-key")] };
        var report = ProjectScanner.Scan(new ProjectContext(root, options), ProjectRuleSet.All.Where(r => r.Descriptor.Id == rule), fixture);
        return report.Findings.Select(f => $"{f.RuleId} {f.Location} {f.Message}").ToList();
    }

    public static TheoryData<string, string[]> SettingsFiring => new()
    {
        {
            "DP101",
            [
                "DP101 proj/settings.py:5:1 SECRET_KEY is a string literal (lite… (59 chars)); read it from the environment or a secrets file.",
            ]
        },
        {
            "DP108",
            [
                "DP108 proj/settings.py:16:81 DATABASES[\"default\"][\"PASSWORD\"] is a literal (Pg-p… (11 chars)); read it from the environment.",
            ]
        },
        {
            "DP111",
            [
                "DP111 proj/settings.py:16:20 INSTALLED_APPS enables development-only debug_toolbar (django-debug-toolbar) in production. Its URLs are mounted outside `if settings.DEBUG` (proj/urls.py:10:36).",
            ]
        },
        {
            "DP208",
            [
                "DP208 proj/settings.py:18:36 LOGGING is unfit for production: disable_existing_loggers is left to dictConfig's default, True, and no \"django\" or \"django.request\" logger is configured, so Django's django.request logger is disabled and unhandled 500 errors are neither logged nor mailed; it writes to files (handler \"file\": logging.FileHandler); no console (StreamHandler) handler sends anything to stdout/stderr.",
            ]
        },
        {
            "DP212",
            [
                "DP212 proj/settings.py:8:1 REST_FRAMEWORK sets no DEFAULT_RENDERER_CLASSES, so DRF's default BrowsableAPIRenderer is served.",
            ]
        },
        {
            "DP509",
            [
                "DP509 proj/settings.py:8:1 REST_FRAMEWORK sets no DEFAULT_PERMISSION_CLASSES, so DRF's default AllowAny applies to every API view without its own.",
            ]
        },
        {
            "DP510",
            [
                "DP510 proj/settings.py:8:1 DRF throttling is not configured: REST_FRAMEWORK has no DEFAULT_THROTTLE_CLASSES and no view sets throttle_classes.",
            ]
        },
        {
            "DP213",
            [
                "DP213 proj/settings.py:16:1 USE_X_FORWARDED_HOST is True: make sure the proxy in front always overwrites X-Forwarded-Host.",
            ]
        },
        {
            "DP306",
            [
                "DP306 proj/settings.py:16:1 SECURE_HSTS_SECONDS is 86400 (1 days); raise it gradually to at least 31536000 (one year).",
            ]
        },
        {
            "DP310",
            [
                "DP310 proj/settings.py:16:16 LocaleMiddleware is enabled but LANGUAGE_COOKIE_SECURE is not set (default False).",
            ]
        },
        {
            "DP406",
            [
                "DP406 proj/settings.py:1 No Content Security Policy: MIDDLEWARE has neither django-csp's CSPMiddleware nor Django's ContentSecurityPolicyMiddleware.",
            ]
        },
        {
            "DP407",
            [
                "DP407 proj/settings.py:17:1 The Content Security Policy is report-only (CONTENT_SECURITY_POLICY_REPORT_ONLY): violations are reported, nothing is blocked.",
            ]
        },
        {
            "DP408",
            [
                "DP408 proj/settings.py:17:68 The enforced Content Security Policy (CONTENT_SECURITY_POLICY) is unsafe: scripts allow 'unsafe-inline'.",
            ]
        },
        {
            "DP409",
            [
                "DP409 proj/settings.py:17:32 CORS allows every origin (CORS_ALLOWED_ORIGIN_REGEXES entry \"^https?://.*$\" matches every origin) with CORS_ALLOW_CREDENTIALS = True: any website can make authenticated requests and read the responses.",
            ]
        },
        {
            "DP505",
            [
                "DP505 proj/settings.py:16:1 SESSION_COOKIE_SAMESITE is \"None\": the cookie is sent on cross-site requests.",
            ]
        },
        {
            "DP506",
            [
                "DP506 proj/settings.py:16:21 The first PASSWORD_HASHERS entry is UnsaltedMD5PasswordHasher: new passwords are stored with a weak hash.",
            ]
        },
        {
            "DP507",
            [
                "DP507 proj/settings.py:16:1 PASSWORD_HASHERS uses Argon2PasswordHasher but argon2-cffi is not declared in requirements.txt: new passwords cannot be hashed without it.",
            ]
        },
        {
            "DP508",
            [
                "DP508 proj/settings.py:1 AUTH_PASSWORD_VALIDATORS is not set: any password is accepted.",
            ]
        },
        {
            "DP513",
            [
                "DP513 proj/settings.py:16:1 SESSION_SERIALIZER is django.contrib.sessions.serializers.PickleSerializer: session data is unpickled, so writing to the session store runs code.",
            ]
        },
        {
            "DP601",
            [
                "DP601 proj/settings.py:1 STATIC_ROOT is not set: collectstatic has nowhere to collect static files.",
            ]
        },
        {
            "DP603",
            [
                "DP603 proj/settings.py:16:1 MEDIA_ROOT is inside the Python package shop/: uploads land among the source code.",
            ]
        },
        {
            "DP605",
            [
                "DP605 proj/settings.py:1 DEFAULT_FROM_EMAIL is \"webmaster@localhost\", Django's default: mail from this address is usually rejected or marked as spam.",
                "DP605 proj/settings.py:1 SERVER_EMAIL is \"root@localhost\", Django's default: mail from this address is usually rejected or marked as spam.",
            ]
        },
        {
            "DP606",
            [
                "DP606 proj/settings.py:16:1 EMAIL_BACKEND is django.core.mail.backends.console.EmailBackend, which prints messages to the console: no mail is delivered.",
            ]
        },
        {
            "DP607",
            [
                "DP607 proj/settings.py:1 CACHES is not set, so Django's default per-process LocMemCache is used.",
            ]
        },
        {
            "DP608",
            [
                "DP608 proj/settings.py:16:36 DATABASES[\"default\"] uses SQLite (django.db.backends.sqlite3).",
            ]
        },
        {
            "DP701",
            [
                "DP701 proj/settings.py:16:1 DATABASES[\"default\"] CONN_MAX_AGE is not set (0): a new database connection is opened for every request.",
            ]
        },
        {
            "DP702",
            [
                "DP702 proj/settings.py:19:21 TEMPLATES[0] sets OPTIONS[\"loaders\"] without the cached loader: templates are compiled on every render.",
            ]
        },
        {
            "DP703",
            [
                "DP703 proj/settings.py:16:1 Sessions are stored in the database (Django's default SESSION_ENGINE) without a cache, and nothing runs clearsessions to delete expired ones.",
            ]
        },
    };

    public static TheoryData<string> SettingsRules => new() { "DP101", "DP108", "DP111", "DP208", "DP212", "DP509", "DP510", "DP213", "DP306", "DP310", "DP406", "DP407", "DP408", "DP409", "DP505", "DP506", "DP507", "DP508", "DP513", "DP601", "DP603", "DP605", "DP606", "DP607", "DP608", "DP701", "DP702", "DP703" };

    [Theory]
    [MemberData(nameof(SettingsFiring))]
    public void Rule_fires_on_its_fixture(string rule, string[] expected) => Assert.Equal(expected, Scan(rule, "fires"));

    /// <summary>A renderer of the project's deriving from DRF's BrowsableAPIRenderer through a module
    /// import (renderers.BrowsableAPIRenderer) serves the same HTML pages; the JSON subclass listed before it does not.</summary>
    [Fact]
    public void DP212_fires_on_a_project_subclass_of_the_browsable_renderer() =>
        Assert.Equal(
            ["DP212 proj/settings.py:20:9 REST_FRAMEWORK DEFAULT_RENDERER_CLASSES includes shop.api.renderers.ReadOnlyBrowsableRenderer, a subclass of DRF's BrowsableAPIRenderer."],
            Scan("DP212", "subclass"));

    [Theory]
    [MemberData(nameof(SettingsRules))]
    public void Rule_is_silent_on_its_near_miss(string rule) => Assert.Empty(Scan(rule, "silent"));
}
