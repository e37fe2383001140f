using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Auth;
using DjangoPreflight.Rules.Browser;
using DjangoPreflight.Rules.Disclosure;
using DjangoPreflight.Rules.DjangoChecks;
using DjangoPreflight.Rules.Secrets;
using DjangoPreflight.Rules.Transport;
using static DjangoPreflight.Rules.Tests.DjangoChecks.SettingsBuilder;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>The deploy-check rules on hand-built settings: each Django condition, firing and not, per version.</summary>
public sealed class DeployRuleTests
{
    private static readonly IReadOnlyList<DeployCheckRule> Rules = ProjectRuleSet.All.OfType<DeployCheckRule>().ToList();

    private static List<Finding> Run(SettingsBuilder b, string? version = "5.2") =>
        Rules.SelectMany(r => r.Check(b.For(version))).ToList();

    private static List<string> Ids(SettingsBuilder b, string? version = "5.2") =>
        Run(b, version).Select(f => f.DjangoId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();

    [Theory]
    [InlineData("3.2")]
    [InlineData("4.2")]
    [InlineData("5.2")]
    public void Hardened_settings_fire_nothing(string version) => Assert.Empty(Run(Hardened(), version));

    [Fact]
    public void Every_deploy_rule_is_registered() =>
        Assert.Equal(["DP102", "DP105", "DP201", "DP203", "DP214", "DP301", "DP302", "DP303", "DP304", "DP305", "DP307", "DP308",
            "DP401", "DP402", "DP403", "DP404", "DP405", "DP411", "DP412", "DP501", "DP502", "DP504", "DP516", "DP606", "DP611", "DP612"],
            Rules.Select(r => r.Descriptor.Id).Order(StringComparer.Ordinal));

    [Fact]
    public void Short_secret_key_fires_W009_at_its_line_without_showing_it()
    {
        var key = new string('x', 10) + "abcdefghijklmnopqrstuvwxyz0123456789ABC"; // 49 characters
        var b = Hardened().Set("SECRET_KEY", key);
        var f = Assert.Single(Run(b));
        Assert.Equal(("DP102", "security.W009", SettingsBuilder.File, b.LineOf("SECRET_KEY")), (f.RuleId, f.DjangoId, f.Location.Path, f.Location.Line));
        Assert.Equal(Confidence.Certain, f.Confidence);
        Assert.Contains("49 characters", f.Message);
        Assert.DoesNotContain(key, f.Message);
    }

    [Fact]
    public void Secret_key_length_counts_code_points_like_python()
    {
        // 49 ASCII characters and one astral character: 50 code points (passes), though 51 UTF-16 units.
        var ok = "k3J!x9#pQ2@vL8$wR5^tY1&zN6*mB4(cF7)hD0-gS3_aE2+uI" + "\U0001F511";
        Assert.Empty(Run(Hardened().Set("SECRET_KEY", ok)));
        Assert.Equal(["security.W009"], Ids(Hardened().Set("SECRET_KEY", ok[..48] + "\U0001F511")));
    }

    [Theory]
    [InlineData("django-insecure-k3J!x9#pQ2@vL8$wR5^tY1&zN6*mB4(cF7)hD0-gS3_aE2+uI9", "starts with 'django-insecure-'")]
    [InlineData("abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd", "only 4 distinct characters")]
    [InlineData("", "is empty")]
    public void Weak_secret_keys_fire_W009(string key, string why)
    {
        var f = Assert.Single(Run(Hardened().Set("SECRET_KEY", key)));
        Assert.Equal("security.W009", f.DjangoId);
        Assert.Contains(why, f.Message);
    }

    [Fact]
    public void Five_distinct_characters_is_enough_for_django() =>
        Assert.Empty(Run(Hardened().Set("SECRET_KEY", string.Concat(Enumerable.Repeat("abcde", 12)))));

    [Fact]
    public void Unset_secret_key_fires_W009_at_the_settings_file()
    {
        var model = Hardened().Build();
        var settings = model.Settings.Where(s => s.Key != "SECRET_KEY").ToDictionary();
        var f = Assert.Single(new WeakSecretKey().Check(new DeploySettings(new SettingsModel("proj.settings", SettingsBuilder.File, settings, []), new DjangoVersion(4, 2))));
        Assert.Equal((SettingsBuilder.File, 1, "security.W009"), (f.Location.Path, f.Location.Line, f.DjangoId));
    }

    [Fact]
    public void Unknown_secret_key_is_low_confidence_with_the_reason()
    {
        var f = Assert.Single(Run(Hardened().Set("SECRET_KEY", new PyUnknown("call to load_key()"))));
        Assert.Equal((Confidence.Low, "security.W009", Severity.Medium), (f.Confidence, f.DjangoId, f.Severity));
        Assert.Equal("Could not decide whether \"SECRET_KEY is weak\": call to load_key(). Django reports security.W009 if it holds.", f.Message);
    }

    [Fact]
    public void Middleware_written_out_beside_unknown_additions_is_installed()
    {
        // MIDDLEWARE = [Security, *CUSTOM, Session, Csrf, XFrame] with CUSTOM unknown (jumpserver's shape).
        var more = new PyUnknownItems("items of `*CUSTOM`");
        var b = Hardened().Set("MIDDLEWARE", L(new PyStr(DeploySettings.SecurityMiddleware), more, new PyStr(DeploySettings.SessionMiddleware),
            new PyStr(DeploySettings.CsrfMiddleware), new PyStr(DeploySettings.XFrameOptionsMiddleware), more));
        Assert.Empty(Run(b));
        // Without the security middleware written out, its absence cannot be told: low confidence, never certain.
        var f = Assert.Single(Run(Hardened().Set("MIDDLEWARE", L(new PyStr(DeploySettings.CsrfMiddleware), new PyStr(DeploySettings.XFrameOptionsMiddleware), more))));
        Assert.Equal(("DP301", Confidence.Low), (f.RuleId, f.Confidence));
    }

    [Fact]
    public void Allowed_hosts_of_unknown_items_only_may_be_empty()
    {
        var f = Assert.Single(Run(Hardened().Set("ALLOWED_HOSTS", L(new PyUnknownItems("items of `*HOSTS`")))));
        Assert.Equal(("DP203", Confidence.Low), (f.RuleId, f.Confidence));
        Assert.Empty(Run(Hardened().Set("ALLOWED_HOSTS", L(new PyStr("shop.example.com"), new PyUnknownItems("appended in a loop")))));
    }

    [Fact]
    public void Weak_fallback_key_fires_W025_per_key_from_Django_4_1_only()
    {
        var b = Hardened().Set("SECRET_KEY_FALLBACKS", L("k3J!x9#pQ2@vL8$wR5^tY1&zN6*mB4(cF7)hD0-gS3_aE2+uI9", "old-short-key"));
        var f = Assert.Single(Run(b, "4.1"));
        Assert.Equal(("DP105", "security.W025", b.LineOf("SECRET_KEY_FALLBACKS")), (f.RuleId, f.DjangoId, f.Location.Line));
        Assert.Contains("SECRET_KEY_FALLBACKS[1]", f.Message);
        Assert.Empty(Run(b, "4.0"));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Debug_fires_W018_when_true(bool debug, bool fires) =>
        Assert.Equal(fires, Ids(Hardened().Set("DEBUG", debug)).Contains("security.W018"));

    [Fact]
    public void Debug_as_the_string_False_is_truthy_and_fires()
    {
        var f = Assert.Single(Run(Hardened().Set("DEBUG", "False")));
        Assert.Equal(("DP201", "security.W018"), (f.RuleId, f.DjangoId));
        Assert.Contains("the string 'False'", f.Message);
    }

    [Fact]
    public void Empty_allowed_hosts_fires_W020_but_a_list_with_an_empty_string_does_not()
    {
        Assert.Equal(["security.W020"], Ids(Hardened().List("ALLOWED_HOSTS")));
        Assert.Empty(Run(Hardened().List("ALLOWED_HOSTS", "")));
    }

    [Fact]
    public void Without_security_middleware_only_W001_fires_not_the_settings_it_would_apply()
    {
        var b = Hardened().List("MIDDLEWARE", DeploySettings.SessionMiddleware, DeploySettings.CsrfMiddleware, DeploySettings.XFrameOptionsMiddleware)
            .Set("SECURE_SSL_REDIRECT", false).Set("SECURE_HSTS_SECONDS", 0).Set("SECURE_CONTENT_TYPE_NOSNIFF", false)
            .Set("SECURE_REFERRER_POLICY", PyNone.Instance).Set("SECURE_CROSS_ORIGIN_OPENER_POLICY", "bogus");
        var f = Assert.Single(Run(b));
        Assert.Equal(("DP301", "security.W001", b.LineOf("MIDDLEWARE")), (f.RuleId, f.DjangoId, f.Location.Line));
    }

    [Fact]
    public void Security_settings_fire_with_the_middleware()
    {
        var b = Hardened().Set("SECURE_SSL_REDIRECT", false).Set("SECURE_HSTS_SECONDS", 0).Set("SECURE_CONTENT_TYPE_NOSNIFF", false)
            .Set("SECURE_REFERRER_POLICY", PyNone.Instance).Set("SECURE_CROSS_ORIGIN_OPENER_POLICY", "bogus");
        Assert.Equal(["security.E024", "security.W004", "security.W006", "security.W008", "security.W022"], Ids(b));
        Assert.Equal(["security.W004", "security.W006", "security.W008", "security.W022"], Ids(b, "3.2"));
    }

    [Fact]
    public void Hsts_flags_need_is_True_and_a_truthy_max_age()
    {
        // "0" is a non-empty string, so Django counts HSTS as on; 1 is not `is True`.
        var b = Hardened().Set("SECURE_HSTS_SECONDS", "0").Set("SECURE_HSTS_INCLUDE_SUBDOMAINS", 1).Set("SECURE_HSTS_PRELOAD", "True");
        Assert.Equal(["security.W005", "security.W021"], Ids(b));
        Assert.Equal(["security.W004"], Ids(Hardened().Set("SECURE_HSTS_SECONDS", 0).Set("SECURE_HSTS_INCLUDE_SUBDOMAINS", false).Set("SECURE_HSTS_PRELOAD", false)));
    }

    [Fact]
    public void Ssl_redirect_as_a_truthy_string_fires_W008() =>
        Assert.Equal(["security.W008"], Ids(Hardened().Set("SECURE_SSL_REDIRECT", "True")));

    [Theory]
    [InlineData(new[] { "django.contrib.sessions" }, false, "security.W010")]
    [InlineData(new string[0], true, "security.W011")]
    [InlineData(new[] { "django.contrib.sessions" }, true, "security.W012")]
    [InlineData(new[] { "django.contrib.sessions.apps.SessionsConfig" }, false, null)]
    [InlineData(new string[0], false, null)]
    public void Session_cookie_secure_id_depends_on_app_and_middleware(string[] apps, bool middleware, string? expected)
    {
        var b = Hardened().Set("SESSION_COOKIE_SECURE", false).List("INSTALLED_APPS", apps)
            .List("MIDDLEWARE", middleware ? [DeploySettings.SecurityMiddleware, DeploySettings.SessionMiddleware] : [DeploySettings.SecurityMiddleware]);
        var found = Run(b).Where(f => f.RuleId == "DP307").ToList();
        if (expected is null) Assert.Empty(found);
        else
        {
            var f = Assert.Single(found);
            Assert.Equal((expected, b.LineOf("SESSION_COOKIE_SECURE")), (f.DjangoId, f.Location.Line));
        }
    }

    [Theory]
    [InlineData("3.2", false)]
    [InlineData("4.0", false)]
    [InlineData("4.1", true)]
    [InlineData("5.2", true)]
    public void Truthy_cookie_flags_pass_before_4_1_and_fail_from_4_1(string version, bool fires)
    {
        var b = Hardened().Set("SESSION_COOKIE_SECURE", 1).Set("SESSION_COOKIE_HTTPONLY", "yes").Set("CSRF_COOKIE_SECURE", "True");
        Assert.Equal(fires ? ["security.W012", "security.W015", "security.W016"] : [], Ids(b, version));
    }

    [Fact]
    public void Session_httponly_off_fires_W013_W014_W015_like_secure()
    {
        Assert.Equal(["security.W015"], Ids(Hardened().Set("SESSION_COOKIE_HTTPONLY", false)));
        Assert.Equal(["security.W013"], Ids(Hardened().Set("SESSION_COOKIE_HTTPONLY", false)
            .List("MIDDLEWARE", DeploySettings.SecurityMiddleware, DeploySettings.CsrfMiddleware, DeploySettings.XFrameOptionsMiddleware)));
    }

    [Fact]
    public void Csrf_cookie_is_not_checked_when_the_token_lives_in_the_session()
    {
        Assert.Equal(["security.W016"], Ids(Hardened().Set("CSRF_COOKIE_SECURE", false)));
        Assert.Empty(Run(Hardened().Set("CSRF_COOKIE_SECURE", false).Set("CSRF_USE_SESSIONS", true)));
        Assert.Equal(["security.W003"], Ids(Hardened().Set("CSRF_COOKIE_SECURE", false)
            .List("MIDDLEWARE", DeploySettings.SecurityMiddleware, DeploySettings.SessionMiddleware, DeploySettings.XFrameOptionsMiddleware)));
    }

    [Fact]
    public void Missing_xframe_middleware_fires_W002_and_lowercase_deny_fires_W019()
    {
        Assert.Equal(["security.W002"], Ids(Hardened().List("MIDDLEWARE", DeploySettings.SecurityMiddleware, DeploySettings.SessionMiddleware,
            DeploySettings.CsrfMiddleware).Set("X_FRAME_OPTIONS", "SAMEORIGIN")));
        var b = Hardened().Set("X_FRAME_OPTIONS", "deny");
        var f = Assert.Single(Run(b));
        Assert.Equal(("DP402", "security.W019", b.LineOf("X_FRAME_OPTIONS")), (f.RuleId, f.DjangoId, f.Location.Line));
    }

    [Fact]
    public void Middleware_as_a_tuple_counts_like_a_list() =>
        Assert.Empty(Run(Hardened().Set("MIDDLEWARE", new Analysis.Settings.PyTuple([.. Hardened().Build()["MIDDLEWARE"]!.Value.AsSequence!.Value]))));

    [Theory]
    [InlineData("no-referrer, strict-origin", null)]
    [InlineData(" origin ", null)]
    [InlineData("same-origin,bogus", "security.E023")]
    [InlineData("", "security.E023")]
    public void Referrer_policy_strings_are_split_on_commas_and_stripped(string policy, string? expected) =>
        Assert.Equal(expected is null ? [] : [expected], Ids(Hardened().Set("SECURE_REFERRER_POLICY", policy)));

    [Fact]
    public void Referrer_policy_lists_are_not_stripped_and_an_empty_list_is_valid()
    {
        Assert.Equal(["security.E023"], Ids(Hardened().List("SECURE_REFERRER_POLICY", " origin")));
        Assert.Empty(Run(Hardened().List("SECURE_REFERRER_POLICY", "origin", "unsafe-url")));
        Assert.Empty(Run(Hardened().List("SECURE_REFERRER_POLICY")));
        Assert.Equal(["security.W022"], Ids(Hardened().Set("SECURE_REFERRER_POLICY", PyNone.Instance)));
    }

    [Theory]
    [InlineData("same_origin", "5.2", true)]
    [InlineData("", "4.0", true)]
    [InlineData("same-origin-allow-popups", "5.2", false)]
    [InlineData("same_origin", "3.2", false)]
    public void Cross_origin_opener_policy_is_validated_from_4_0(string policy, string version, bool fires) =>
        Assert.Equal(fires ? ["security.E024"] : [], Ids(Hardened().Set("SECURE_CROSS_ORIGIN_OPENER_POLICY", policy), version));

    [Fact]
    public void Trusted_origin_without_scheme_fires_4_0_E001_from_Django_4_0()
    {
        var b = Hardened().List("CSRF_TRUSTED_ORIGINS", "shop.example.com", "https://ok.example.com");
        var f = Assert.Single(Run(b, "4.0"));
        Assert.Equal(("DP502", "4_0.E001", b.LineOf("CSRF_TRUSTED_ORIGINS")), (f.RuleId, f.DjangoId, f.Location.Line));
        Assert.Contains("'https://shop.example.com'", f.Message);
        Assert.DoesNotContain(Run(b, "3.2"), x => x.DjangoId is not null);
    }

    [Fact]
    public void Broad_wildcards_and_plain_http_origins_are_our_own_findings()
    {
        var b = Hardened().List("CSRF_TRUSTED_ORIGINS", "https://*.com", "http://cdn.example.com", "https://*.example.com", "http://localhost:8000");
        var found = Run(b, "4.2");
        Assert.Equal(2, found.Count);
        Assert.Contains(found, f => f.Message.Contains("'https://*.com' is a wildcard that trusts every site under a public suffix"));
        Assert.Contains(found, f => f.Message.Contains("'http://cdn.example.com' is a plain-http origin") && f.Severity == Severity.Low);
        Assert.All(found, f => Assert.Null(f.DjangoId));
    }

    [Fact]
    public void Trusted_origins_as_a_string_fire_like_django_iterating_characters()
    {
        var f = Assert.Single(Run(Hardened().Set("CSRF_TRUSTED_ORIGINS", "https://a.example.com"), "4.2"));
        Assert.Equal("4_0.E001", f.DjangoId);
    }

    [Fact]
    public void Unknown_middleware_gives_low_confidence_findings_only()
    {
        var found = Run(Hardened().Set("MIDDLEWARE", new PyUnknown("MIDDLEWARE built by a function")));
        Assert.NotEmpty(found);
        Assert.All(found, f => Assert.Equal(Confidence.Low, f.Confidence));
        // Undecided is never critical or high, whatever the rule's own severity.
        Assert.All(found, f => Assert.True(f.Severity <= Severity.Medium, $"{f.RuleId} is {f.Severity}"));
        Assert.Contains(found, f => f.DjangoId == "security.W001" && f.Message.Contains("MIDDLEWARE built by a function"));
    }

    [Fact]
    public void An_unknown_version_is_judged_as_the_newest()
    {
        var b = Hardened().Set("SESSION_COOKIE_SECURE", 1);
        Assert.Equal(["security.W012"], Ids(b, null));
    }

    [Fact]
    public void Every_rule_documents_why_fix_and_an_example()
    {
        foreach (var rule in Rules)
        {
            var d = rule.Descriptor;
            Assert.All(new[] { d.Docs.Why, d.Docs.Fix, d.Docs.Before, d.Docs.After }, text => Assert.False(string.IsNullOrWhiteSpace(text), d.Id));
            // Every one mirrors a Django check, but DP214, which mirrors Django's start-up validation of the settings.
            Assert.True(d.DjangoIds.Count > 0 || d.Id == "DP214", d.Id);
        }
    }
}
