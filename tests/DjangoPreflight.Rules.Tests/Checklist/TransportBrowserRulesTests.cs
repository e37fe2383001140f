using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Browser;
using DjangoPreflight.Rules.Tests.Support;
using DjangoPreflight.Rules.Transport;
using static DjangoPreflight.Rules.Tests.Support.Settings;

namespace DjangoPreflight.Rules.Tests.Checklist;

public class TransportBrowserRulesTests
{
    private const string Security = "django.middleware.security.SecurityMiddleware";

    [Fact]
    public void DP306_advises_on_a_short_max_age()
    {
        var s = Module().Set("SECURE_HSTS_SECONDS", I(3600), 20).Build();
        var f = FindingAssert.Single(new HstsMaxAgeShort().CheckSettings(s), "DP306", SettingsFile, 20,
            "SECURE_HSTS_SECONDS is 3600 (1 hours); raise it gradually to at least 31536000 (one year).");
        Assert.Equal(Severity.Low, f.Severity);
    }

    [Theory]
    [InlineData(0)]          // DP303's
    [InlineData(31536000)]
    [InlineData(63072000)]
    public void DP306_is_silent_for_zero_and_a_year_or_more(long seconds) =>
        FindingAssert.None(new HstsMaxAgeShort().CheckSettings(Module().Set("SECURE_HSTS_SECONDS", I(seconds), 20).Build()));

    [Fact]
    public void DP310_fires_with_locale_middleware_and_no_secure_language_cookie()
    {
        var s = Module().Set("MIDDLEWARE", Ls("django.middleware.locale.LocaleMiddleware"), 30).Default("LANGUAGE_COOKIE_SECURE", B(false)).Build();
        FindingAssert.Single(new LanguageCookieInsecure().CheckSettings(s), "DP310", SettingsFile, 30,
            "LocaleMiddleware is enabled but LANGUAGE_COOKIE_SECURE is not set (default False).");
        var explicitFalse = Module().Set("MIDDLEWARE", Ls("django.middleware.locale.LocaleMiddleware"), 30).Set("LANGUAGE_COOKIE_SECURE", B(false), 44).Build();
        FindingAssert.Single(new LanguageCookieInsecure().CheckSettings(explicitFalse), "DP310", SettingsFile, 44,
            "LANGUAGE_COOKIE_SECURE is not True while LocaleMiddleware is enabled.");
    }

    [Fact]
    public void DP310_is_silent_without_locale_middleware_or_with_a_secure_cookie()
    {
        FindingAssert.None(new LanguageCookieInsecure().CheckSettings(Module().Set("MIDDLEWARE", Ls(Security), 30).Build()));
        FindingAssert.None(new LanguageCookieInsecure().CheckSettings(Module().Set("MIDDLEWARE", Ls("django.middleware.locale.LocaleMiddleware"), 30)
            .Set("LANGUAGE_COOKIE_SECURE", B(true), 44).Build()));
    }

    [Fact]
    public void DP406_fires_without_csp_middleware_and_with_an_empty_builtin_policy()
    {
        var none = Module().Set("MIDDLEWARE", Ls(Security), 30).Build();
        FindingAssert.Single(new ContentSecurityPolicyMissing().CheckSettings(none, null), "DP406", SettingsFile, 1,
            "No Content Security Policy: MIDDLEWARE has neither django-csp's CSPMiddleware nor Django's ContentSecurityPolicyMiddleware.");
        var empty = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30).Default("SECURE_CSP", D()).Build();
        FindingAssert.Single(new ContentSecurityPolicyMissing().CheckSettings(empty, null), "DP406", SettingsFile, 30,
            "ContentSecurityPolicyMiddleware is enabled but SECURE_CSP and SECURE_CSP_REPORT_ONLY are empty, so no policy is sent.");
    }

    [Fact]
    public void DP406_is_silent_with_a_policy_a_header_set_elsewhere_or_unknown_middleware()
    {
        var djangoCsp = Module().Set("MIDDLEWARE", Ls("csp.middleware.CSPMiddleware"), 30).Build();
        var builtIn = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30).Set("SECURE_CSP", D(("default-src", Ls("'self'"))), 40).Build();
        var unknown = Module().Set("MIDDLEWARE", L(S("django.middleware.security.SecurityMiddleware"), U()), 30).Build();
        foreach (var s in new[] { djangoCsp, builtIn, unknown })
            FindingAssert.None(new ContentSecurityPolicyMissing().CheckSettings(s, null));
        FindingAssert.None(new ContentSecurityPolicyMissing().CheckSettings(Module().Set("MIDDLEWARE", Ls(Security), 30).Build(), "deploy/nginx.conf:12"));
    }

    [Fact]
    public void DP407_fires_when_every_policy_is_report_only()
    {
        var v4 = Module().Set("MIDDLEWARE", Ls("csp.middleware.CSPMiddleware"), 30)
            .Set("CONTENT_SECURITY_POLICY_REPORT_ONLY", D(("DIRECTIVES", D(("default-src", Ls("'self'"))))), 50).Build();
        FindingAssert.Single(new ContentSecurityPolicyReportOnly().CheckSettings(v4), "DP407", SettingsFile, 50,
            "The Content Security Policy is report-only (CONTENT_SECURITY_POLICY_REPORT_ONLY): violations are reported, nothing is blocked.");
        var v3 = Module().Set("MIDDLEWARE", Ls("csp.middleware.CSPMiddleware"), 30).Set("CSP_REPORT_ONLY", B(true), 51).Build();
        FindingAssert.Single(new ContentSecurityPolicyReportOnly().CheckSettings(v3), "DP407", SettingsFile, 51,
            "The Content Security Policy is report-only (CSP_REPORT_ONLY): violations are reported, nothing is blocked.");
    }

    [Fact]
    public void DP407_is_silent_when_a_policy_is_enforced()
    {
        var both = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30)
            .Set("SECURE_CSP", D(("default-src", Ls("'self'"))), 40).Set("SECURE_CSP_REPORT_ONLY", D(("default-src", Ls("'none'"))), 41).Build();
        var v3 = Module().Set("MIDDLEWARE", Ls("csp.middleware.CSPMiddleware"), 30).Build();
        FindingAssert.None(new ContentSecurityPolicyReportOnly().CheckSettings(both));
        FindingAssert.None(new ContentSecurityPolicyReportOnly().CheckSettings(v3));
    }

    [Fact]
    public void DP408_fires_on_unsafe_inline_eval_and_wildcards()
    {
        var s = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30)
            .Set("SECURE_CSP", D(("default-src", Ls("'self'")), ("script-src", Ls("'self'", "'unsafe-inline'", "'unsafe-eval'", "https:"))), 40).Build();
        FindingAssert.Single(new ContentSecurityPolicyUnsafe().CheckSettings(s), "DP408", SettingsFile, 40,
            "The enforced Content Security Policy (SECURE_CSP) is unsafe: scripts allow 'unsafe-inline'; scripts allow 'unsafe-eval'; scripts load from \"https:\".");
        var v3 = Module().Set("MIDDLEWARE", Ls("csp.middleware.CSPMiddleware"), 30).Set("CSP_DEFAULT_SRC", Ls("*"), 42).Build();
        FindingAssert.Single(new ContentSecurityPolicyUnsafe().CheckSettings(v3), "DP408", SettingsFile, 42,
            "The enforced Content Security Policy (CSP_DEFAULT_SRC) is unsafe: scripts load from \"*\"; plugins (object-src) load from \"*\".");
    }

    [Fact]
    public void DP408_is_silent_when_a_nonce_neutralises_unsafe_inline_or_the_policy_is_strict()
    {
        var nonce = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30)
            .Set("SECURE_CSP", D(("script-src", Ls("'self'", "'nonce-abc'", "'unsafe-inline'"))), 40).Build();
        var constant = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30)
            .Set("SECURE_CSP", D(("script-src", L(S("'self'"), U("CSP.NONCE"), S("'unsafe-inline'")))), 40).Build();
        var strict = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30)
            .Set("SECURE_CSP", D(("default-src", Ls("'self'")), ("img-src", Ls("*", "data:")), ("style-src", Ls("'self'", "'unsafe-inline'"))), 40).Build();
        var reportOnly = Module().Set("MIDDLEWARE", Ls(ContentSecurityPolicy.BuiltInMiddleware), 30)
            .Set("SECURE_CSP_REPORT_ONLY", D(("script-src", Ls("*"))), 40).Build();
        foreach (var s in new[] { nonce, constant, strict, reportOnly })
            FindingAssert.None(new ContentSecurityPolicyUnsafe().CheckSettings(s));
    }

    [Fact]
    public void DP409_fires_on_allow_all_and_is_high_with_credentials()
    {
        var s = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOW_ALL_ORIGINS", B(true), 147).Set("CORS_ALLOW_CREDENTIALS", B(true), 148).Build();
        var f = FindingAssert.Single(new CorsAllowsAllOrigins().CheckSettings(s), "DP409", SettingsFile, 147,
            "CORS allows every origin (CORS_ALLOW_ALL_ORIGINS is True) with CORS_ALLOW_CREDENTIALS = True: any website can make authenticated requests and read the responses.");
        Assert.Equal(Severity.High, f.Severity);
        var regex = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOWED_ORIGIN_REGEXES", Ls(@"^https://.*$"), 150).Build();
        var r = FindingAssert.Single(new CorsAllowsAllOrigins().CheckSettings(regex), "DP409", SettingsFile, 150,
            "CORS allows every origin (CORS_ALLOWED_ORIGIN_REGEXES entry \"^https://.*$\" matches every HTTPS origin): any website can read the API's responses.");
        Assert.Equal(Severity.Medium, r.Severity);
        var old = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ORIGIN_ALLOW_ALL", B(true), 151).Build();
        Assert.Equal(151, Assert.Single(new CorsAllowsAllOrigins().CheckSettings(old)).Location.Line);
    }

    [Fact]
    public void DP409_on_urls_narrowed_by_cors_urls_regex_names_them_is_low_without_cookies_and_high_with_them()
    {
        var scoped = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOW_ALL_ORIGINS", B(true), 147)
            .Set("CORS_URLS_REGEX", S(@"^/api/widget/.*$"), 149).Build();
        var f = FindingAssert.Single(new CorsAllowsAllOrigins().CheckSettings(scoped), "DP409", SettingsFile, 147,
            "CORS allows every origin (CORS_ALLOW_ALL_ORIGINS is True) on URLs matching CORS_URLS_REGEX \"^/api/widget/.*$\": any website can read those responses, without the visitor's cookies.");
        // Named URLs opened without cookies: a note, not a hole.
        Assert.Equal(Severity.Low, f.Severity);

        var withCredentials = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOW_ALL_ORIGINS", B(true), 147)
            .Set("CORS_URLS_REGEX", S(@"^/api/widget/.*$"), 149).Set("CORS_ALLOW_CREDENTIALS", B(true), 150).Build();
        Assert.Equal(Severity.High, Assert.Single(new CorsAllowsAllOrigins().CheckSettings(withCredentials)).Severity);

        // Credentials set from an unknown value: nothing is said about cookies.
        var unknownCredentials = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOW_ALL_ORIGINS", B(true), 147)
            .Set("CORS_URLS_REGEX", S(@"^/api/widget/.*$"), 149).Set("CORS_ALLOW_CREDENTIALS", U(), 150).Build();
        var unknown = Assert.Single(new CorsAllowsAllOrigins().CheckSettings(unknownCredentials));
        Assert.EndsWith("matching CORS_URLS_REGEX \"^/api/widget/.*$\": any website can read those responses.", unknown.Message);
        Assert.Equal(Severity.Medium, unknown.Severity);

        // The default pattern (every URL) narrows nothing.
        var everyUrl = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOW_ALL_ORIGINS", B(true), 147)
            .Set("CORS_URLS_REGEX", S("^.*$"), 149).Build();
        Assert.Equal("CORS allows every origin (CORS_ALLOW_ALL_ORIGINS is True): any website can read the API's responses.",
            Assert.Single(new CorsAllowsAllOrigins().CheckSettings(everyUrl)).Message);
    }

    [Fact]
    public void DP409_is_silent_for_anchored_regexes_lists_and_without_the_middleware()
    {
        var anchored = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOWED_ORIGIN_REGEXES", Ls(@"^https://\w+\.example\.com$"), 150).Build();
        var listed = Module().Set("MIDDLEWARE", Ls(CorsPolicy.Middleware), 30).Set("CORS_ALLOWED_ORIGINS", Ls("https://app.example.com"), 150).Build();
        var noMiddleware = Module().Set("MIDDLEWARE", Ls(Security), 30).Set("CORS_ALLOW_ALL_ORIGINS", B(true), 147).Build();
        foreach (var s in new[] { anchored, listed, noMiddleware })
            FindingAssert.None(new CorsAllowsAllOrigins().CheckSettings(s));
    }
}
