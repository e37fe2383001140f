using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Disclosure;
using DjangoPreflight.Rules.Tests.Support;
using static DjangoPreflight.Rules.Tests.Support.Settings;

namespace DjangoPreflight.Rules.Tests.Checklist;

public class DisclosureRulesTests
{
    [Fact]
    public void DP207_says_nothing_of_a_route_it_cannot_resolve_and_lowers_one_read_through_a_setting()
    {
        var urls = new UrlFacts(true, "proj/urls.py",
            [
                new AdminMount(null, new SourceLocation("proj/urls.py", 8, 5), "f\"{settings.ADMIN_URL}\""),
                new AdminMount("admin/", new SourceLocation("proj/urls.py", 9, 5), "settings.ADMIN_URL"),
                new AdminMount("admin/", new SourceLocation("proj/urls.py", 10, 5)),
            ],
            new Dictionary<string, SourceLocation>());
        Assert.Equal(
            [
                "proj/urls.py:9:5 Medium The admin is mounted at the default URL \"admin/\" (written settings.ADMIN_URL).",
                "proj/urls.py:10:5 Certain The admin is mounted at the default URL \"admin/\".",
            ],
            new AdminAtDefaultUrl().CheckUrls(urls).Select(f => $"{f.Location} {f.Confidence} {f.Message}"));
    }

    [Fact]
    public void DP202_fires_on_a_truthy_default_while_the_environment_sets_false()
    {
        var s = Module().Env("DEBUG", B(false), 14, "DJANGO_DEBUG", B(true)).Build();
        FindingAssert.Single(new DebugFailsOpen().CheckSettings(s), "DP202", SettingsFile, 14,
            "DEBUG becomes True when DJANGO_DEBUG is missing from the environment.");
    }

    [Fact]
    public void DP202_names_itself_the_cause_when_the_environment_lacks_the_variable()
    {
        var s = Module().Env("DEBUG", S("True"), 14, "DJANGO_DEBUG", S("True"), unset: true).Build();
        FindingAssert.Single(new DebugFailsOpen().CheckSettings(s), "DP202", SettingsFile, 14,
            "DEBUG becomes the truthy string \"True\" when DJANGO_DEBUG is missing from the environment. The active environment does not set DJANGO_DEBUG, which is why DEBUG is on.");
    }

    [Fact]
    public void DP202_fires_on_the_raw_string_of_the_variable()
    {
        var s = Module().Env("DEBUG", S("False"), 14, "DJANGO_DEBUG", S("")).Build();
        FindingAssert.Single(new DebugFailsOpen().CheckSettings(s), "DP202", SettingsFile, 14,
            "DEBUG is the raw string \"False\" of DJANGO_DEBUG: any non-empty value, \"False\" and \"0\" included, turns it on.");
    }

    [Fact]
    public void DP202_is_silent_for_safe_defaults_literals_and_unknowns()
    {
        var safe = Module().Env("DEBUG", B(false), 14, "DJANGO_DEBUG", B(false)).Build();
        var literalTrue = Module().Set("DEBUG", B(true), 14).Build(); // DP201's, not a fail-open
        var failFast = Module().Env("DEBUG", B(false), 14, "DJANGO_DEBUG", U("KeyError: DJANGO_DEBUG")).Build();
        foreach (var s in new[] { safe, literalTrue, failFast })
            FindingAssert.None(new DebugFailsOpen().CheckSettings(s));
    }

    [Fact]
    public void DP204_fires_on_star_and_on_a_star_fallback()
    {
        var s = Module().Set("ALLOWED_HOSTS", Ls("shop.example.com", "*"), 9).Build();
        FindingAssert.Single(new AllowedHostsWildcard().CheckSettings(s), "DP204", SettingsFile, 9,
            "ALLOWED_HOSTS contains \"*\", which accepts any Host header.");
        var fallback = Module().Env("ALLOWED_HOSTS", Ls("shop.example.com"), 9, "DJANGO_ALLOWED_HOSTS", Ls("*")).Build();
        var f = FindingAssert.Single(new AllowedHostsWildcard().CheckSettings(fallback), "DP204", SettingsFile, 9,
            "ALLOWED_HOSTS falls back to [\"*\"], which accepts any Host header, when DJANGO_ALLOWED_HOSTS is missing.");
        Assert.Equal(Severity.Medium, f.Severity);
    }

    [Theory]
    [InlineData(".example.com")]   // subdomains: not every host
    [InlineData(".*")]             // matches nothing (DP205's)
    [InlineData("*.example.com")]  // matches nothing (DP205's)
    [InlineData("localhost")]
    public void DP204_is_silent_for_patterns_that_do_not_match_every_host(string entry)
    {
        var s = Module().Set("ALLOWED_HOSTS", Ls(entry), 9).Build();
        FindingAssert.None(new AllowedHostsWildcard().CheckSettings(s));
    }

    [Theory]
    [InlineData("10.0.0.0/16", "CIDR ranges are not supported; list addresses one by one")]
    [InlineData("https://shop.example.com", "it includes a URL scheme; use the bare host name")]
    [InlineData("shop.example.com/api", "it includes a path; use the bare host name")]
    [InlineData("shop.example.com:8000", "the port is removed from the Host header before matching")]
    [InlineData("[::1]:8000", "the port is removed from the Host header before matching")]
    [InlineData(" shop.example.com", "it contains whitespace")]
    [InlineData("*.example.com", "wildcards are only supported as \"*\" alone; use a leading dot (\".example.com\") for subdomains")]
    [InlineData(".*", "wildcards are only supported as \"*\" alone; use a leading dot (\".example.com\") for subdomains")]
    [InlineData("::1", "IPv6 addresses must be written in brackets, e.g. \"[::1]\"")]
    [InlineData("shop.example.com.", "the trailing dot is removed from the Host header before matching")]
    [InlineData("", "it is empty")]
    public void DP205_fires_on_entries_django_never_matches(string entry, string why)
    {
        var s = Module().Set("ALLOWED_HOSTS", Ls("shop.example.com", entry), 9).Build();
        FindingAssert.Single(new AllowedHostsUnmatchable().CheckSettings(s), "DP205", SettingsFile, 9,
            $"ALLOWED_HOSTS entry \"{entry}\" can never match: {why}.");
    }

    [Theory]
    [InlineData("*")]
    [InlineData(".example.com")]
    [InlineData("Shop.Example.com")]
    [InlineData("[::1]")]
    [InlineData("10.0.0.2")]
    [InlineData("localhost")]
    public void DP205_is_silent_for_entries_that_can_match(string entry)
    {
        var s = Module().Set("ALLOWED_HOSTS", Ls(entry), 9).Build();
        FindingAssert.None(new AllowedHostsUnmatchable().CheckSettings(s));
    }

    [Fact]
    public void DP208_fires_once_with_every_problem_of_the_logging_config()
    {
        var logging = D(("version", I(1)),
            ("handlers", D(("file", D(("class", S("logging.FileHandler")))), ("null", D(("class", S("logging.NullHandler")))))),
            ("loggers", D(("django.security", D(("handlers", Ls("null")), ("propagate", B(false)))))));
        var s = Module().Set("LOGGING", logging, 150).Build();
        FindingAssert.Single(new LoggingUnfitForProduction().CheckSettings(s), "DP208", SettingsFile, 150,
            "LOGGING is unfit for production: disable_existing_loggers is left to dictConfig's default, True, and no \"django\" or \"django.request\" logger is configured, so Django's django.request logger is disabled and unhandled 500 errors are neither logged nor mailed; it writes to files (handler \"file\": logging.FileHandler); no console (StreamHandler) handler sends anything to stdout/stderr; the \"django.security\" logger is silenced (only a NullHandler and propagate False).");
    }

    [Fact]
    public void DP208_reads_file_handlers_of_the_projects_own_classes_and_any_handler_given_a_filename()
    {
        var logging = D(("version", I(1)), ("disable_existing_loggers", B(false)),
            ("handlers", D(("rotating", D(("class", S("shop.logs.SizedRotatingFileHandler")))), ("json", D(("class", S("shop.logs.JsonHandler")), ("filename", S("/srv/shop/app.log")))),
                ("console", D(("class", S("logging.StreamHandler")))))));
        FindingAssert.Single(new LoggingUnfitForProduction().CheckSettings(Module().Set("LOGGING", logging, 150).Build()), "DP208", SettingsFile, 150,
            "LOGGING is unfit for production: it writes to files (handler \"rotating\": shop.logs.SizedRotatingFileHandler, \"json\": shop.logs.JsonHandler).");
    }

    [Fact]
    public void DP208_does_not_guess_when_the_loggers_are_not_known()
    {
        var logging = D(("version", I(1)), ("handlers", D(("console", D(("class", S("logging.StreamHandler")))))), ("loggers", U("built by a function")));
        FindingAssert.None(new LoggingUnfitForProduction().CheckSettings(Module().Set("LOGGING", logging, 150).Build()));
    }

    [Fact]
    public void DP208_is_silent_for_console_logging_and_for_default_logging()
    {
        var logging = D(("version", I(1)), ("handlers", D(("console", D(("class", S("logging.StreamHandler")))))),
            ("loggers", D(("django.request", D(("handlers", Ls("console")), ("level", S("ERROR")), ("propagate", B(false)))))));
        FindingAssert.None(new LoggingUnfitForProduction().CheckSettings(Module().Set("LOGGING", logging, 150).Build()));
        FindingAssert.None(new LoggingUnfitForProduction().CheckSettings(Module().Default("LOGGING", D()).Build()));
    }

    [Fact]
    public void DP209_fires_without_admins_or_tracker_and_is_silent_with_either()
    {
        var none = Module().Default("ADMINS", L()).Build();
        FindingAssert.Single(new ErrorReportingMissing().CheckFacts(none, new ErrorTrackerFacts([])), "DP209", SettingsFile, 1,
            "No error reporting: ADMINS is empty and no error tracker (e.g. sentry_sdk.init) is configured, so production errors go unnoticed.");
        var sentry = new ErrorTrackerFacts([new ErrorTrackerInit("Sentry", new SourceLocation("proj/production.py", 24), false, null)]);
        FindingAssert.None(new ErrorReportingMissing().CheckFacts(none, sentry));
        var admins = Module().Set("ADMINS", L(L(S("Ops"), S("ops@example.com"))), 5).Build();
        FindingAssert.None(new ErrorReportingMissing().CheckFacts(admins, new ErrorTrackerFacts([])));
        var rollbarApp = Module().Default("ADMINS", L()).Set("MIDDLEWARE", Ls("rollbar.contrib.django.middleware.RollbarNotifierMiddleware"), 3).Build();
        FindingAssert.None(new ErrorReportingMissing().CheckFacts(rollbarApp, new ErrorTrackerFacts([])));
        var unknownAdmins = Module().Set("ADMINS", U(), 5).Build();
        FindingAssert.None(new ErrorReportingMissing().CheckFacts(unknownAdmins, new ErrorTrackerFacts([])));
    }

    [Fact]
    public void DP210_fires_only_on_send_default_pii_true()
    {
        var at = new SourceLocation("proj/production.py", 28, 9);
        var pii = new ErrorTrackerFacts([new ErrorTrackerInit("Sentry", new SourceLocation("proj/production.py", 24, 5), true, at)]);
        FindingAssert.Single(new ErrorTrackerSendsPii().CheckFacts(pii), "DP210", "proj/production.py", 28,
            "sentry_sdk.init(send_default_pii=True) sends users' personal data (IP, cookies, user, request bodies) to Sentry.");
        var off = new ErrorTrackerFacts([new ErrorTrackerInit("Sentry", new SourceLocation("proj/production.py", 24, 5), false, null)]);
        var unknown = new ErrorTrackerFacts([new ErrorTrackerInit("Sentry", new SourceLocation("proj/production.py", 24, 5), null, null)]);
        FindingAssert.None(new ErrorTrackerSendsPii().CheckFacts(off));
        FindingAssert.None(new ErrorTrackerSendsPii().CheckFacts(unknown));
    }

    [Fact]
    public void DP212_fires_on_the_explicit_renderer_and_on_drf_defaults()
    {
        var apps = Ls("django.contrib.admin", "rest_framework");
        var explicitly = Module().Set("INSTALLED_APPS", apps, 18)
            .Set("REST_FRAMEWORK", D(("DEFAULT_RENDERER_CLASSES", Ls("rest_framework.renderers.JSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"))), 130).Build();
        FindingAssert.Single(new BrowsableApiEnabled().CheckSettings(explicitly), "DP212", SettingsFile, 130,
            "REST_FRAMEWORK DEFAULT_RENDERER_CLASSES includes BrowsableAPIRenderer.");
        var defaults = Module().Set("INSTALLED_APPS", apps, 18).Default("REST_FRAMEWORK", D()).Build();
        FindingAssert.Single(new BrowsableApiEnabled().CheckSettings(defaults), "DP212", SettingsFile, 18,
            "REST_FRAMEWORK sets no DEFAULT_RENDERER_CLASSES, so DRF's default BrowsableAPIRenderer is served.");
    }

    [Fact]
    public void DP212_is_silent_for_json_only_without_drf_or_unknown()
    {
        var json = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18)
            .Set("REST_FRAMEWORK", D(("DEFAULT_RENDERER_CLASSES", Ls("rest_framework.renderers.JSONRenderer"))), 130).Build();
        var noDrf = Module().Set("INSTALLED_APPS", Ls("django.contrib.admin"), 18).Build();
        var unknown = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18).Set("REST_FRAMEWORK", U(), 130).Build();
        foreach (var s in new[] { json, noDrf, unknown })
            FindingAssert.None(new BrowsableApiEnabled().CheckSettings(s));
    }

    [Fact]
    public void DP213_fires_on_forwarded_host_and_port_only_when_true()
    {
        var s = Module().Set("USE_X_FORWARDED_HOST", B(true), 15).Set("USE_X_FORWARDED_PORT", B(false), 16).Build();
        var f = FindingAssert.Single(new ForwardedHostTrusted().CheckSettings(s), "DP213", SettingsFile, 15,
            "USE_X_FORWARDED_HOST is True: make sure the proxy in front always overwrites X-Forwarded-Host.");
        Assert.Equal(Confidence.Medium, f.Confidence);
        FindingAssert.None(new ForwardedHostTrusted().CheckSettings(Module().Default("USE_X_FORWARDED_HOST", B(false)).Build()));
    }
}
