using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;
using static DjangoPreflight.Rules.Tests.DjangoChecks.SettingsBuilder;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>The rules for the checks of Django 6.0 and 6.1, the start-up refusals and the checks every
/// command runs, on hand-built settings: message, location and confidence pinned per version (the
/// real releases decide firing in VersionBehaviourTests).</summary>
public sealed class NewerChecksRuleTests
{
    private static readonly IReadOnlyList<DeployCheckRule> Rules = ProjectRuleSet.All.OfType<DeployCheckRule>().ToList();

    private static List<Finding> Run(SettingsBuilder b, string? version) => Rules.SelectMany(r => r.Check(b.For(version))).ToList();

    private static PyDict D(params (string Key, PyValue Value)[] entries) =>
        new([.. entries.Select(e => new KeyValuePair<PyValue, PyValue>(new PyStr(e.Key), e.Value))]);

    private static string Describe(Finding f) => $"{f.RuleId} {f.DjangoId} {f.Confidence}: {f.Message}";

    [Fact]
    public void A_string_allowed_hosts_stops_django_4_and_later_only()
    {
        var b = Hardened().Set("ALLOWED_HOSTS", "shop.example.com");
        Assert.Empty(Run(b, "3.2"));
        Assert.Equal(["DP214  Certain: ALLOWED_HOSTS is a string, not a list or tuple: Django 4.0 and later refuses to start (\"The ALLOWED_HOSTS setting must be a list or a tuple.\")."],
            Run(b, "4.0").Select(Describe));
        // With no known version the newest Django is assumed, which the project may not run.
        Assert.Equal(Confidence.Medium, Assert.Single(Run(b, null)).Confidence);
    }

    [Fact]
    public void A_string_fallback_is_one_start_up_refusal_not_a_weak_key_per_character()
    {
        var findings = Run(Hardened().Set("SECRET_KEY_FALLBACKS", "oldkey"), "4.2");
        Assert.Equal("DP214", Assert.Single(findings).RuleId);
        Assert.Empty(Run(Hardened().Set("SECRET_KEY_FALLBACKS", "oldkey"), "4.0"));
    }

    [Fact]
    public void A_none_fallback_is_not_a_certain_weak_key()
    {
        var f = Assert.Single(Run(Hardened().Set("SECRET_KEY_FALLBACKS", L(PyNone.Instance)), "5.2"));
        Assert.Equal(("DP105", "security.W025", Confidence.Low), (f.RuleId, f.DjangoId, f.Confidence));
        Assert.Contains("SECRET_KEY_FALLBACKS[0] is None, not a key: Django's check raises TypeError on it", f.Message);
    }

    [Fact]
    public void A_storages_entry_that_is_not_a_dict_stops_django_4_2_to_5_0()
    {
        var b = Hardened().Set("STORAGES", D(("default", new PyStr("django.core.files.storage.FileSystemStorage"))));
        Assert.Empty(Run(b, "4.1"));
        var f = Assert.Single(Run(b, "5.0"));
        Assert.Equal(("DP214", "STORAGES", Confidence.Certain), (f.RuleId, f.Setting, f.Confidence));
        Assert.Equal("STORAGES['default'] is a string: Django 4.2-5.0 refuses to start (AttributeError while reading each storage's BACKEND); STORAGES maps each alias to a dict.", f.Message);
        Assert.Empty(Run(b, "5.1"));
        Assert.StartsWith("STORAGES is a list:", Assert.Single(Run(Hardened().Set("STORAGES", new PyList([])), "4.2")).Message);
        Assert.Empty(Run(Hardened().Set("STORAGES", D()), "4.2"));
    }

    [Fact]
    public void Mailers_with_old_email_settings_stop_django_6_1()
    {
        var b = Hardened().Set("MAILERS", D(("default", D(("BACKEND", new PyStr("django.core.mail.backends.smtp.EmailBackend"))))))
            .Set("EMAIL_HOST", "smtp.example.com").Set("EMAIL_PORT", 587);
        Assert.Empty(Run(b, "5.2"));
        var f = Assert.Single(Run(b, "6.1"));
        Assert.Equal(("DP214", "EMAIL_HOST", b.LineOf("EMAIL_HOST")), (f.RuleId, f.Setting, f.Location.Line));
        Assert.StartsWith("MAILERS is set together with EMAIL_HOST, EMAIL_PORT: Django 6.1 and later refuses to start", f.Message);
    }

    [Fact]
    public void Csp_settings_must_be_dicts_on_6_0()
    {
        var b = Hardened().Set("SECURE_CSP", "default-src 'self'");
        Assert.Empty(Run(b, "5.2"));
        Assert.Equal(["DP411 security.E026 Certain: SECURE_CSP is \"default-src 'self'\", not a dict or None: Django 6.0+'s system checks fail with security.E026, so management commands such as migrate refuse to run."],
            Run(b, "6.0").Select(Describe));
        var proxy = D(("default-src", L("'self'"))) with { TypeName = PyDict.MappingProxy };
        Assert.Equal("security.E026", Assert.Single(Run(Hardened().Set("SECURE_CSP_REPORT_ONLY", proxy), "6.0")).DjangoId);
        Assert.Empty(Run(Hardened().Set("SECURE_CSP", D(("default-src", L("'self'"))) with { TypeName = "OrderedDict" }), "6.0"));
        Assert.Empty(Run(Hardened().Set("SECURE_CSP", PyNone.Instance), "6.1"));
    }

    [Fact]
    public void A_nonce_needs_the_context_processor_on_6_1()
    {
        var b = Hardened().List("MIDDLEWARE", "django.middleware.security.SecurityMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
                "django.middleware.clickjacking.XFrameOptionsMiddleware", "django.middleware.csp.ContentSecurityPolicyMiddleware")
            .Set("SECURE_CSP", D(("script-src", L("'self'", "<CSP_NONCE_SENTINEL>"))));
        Assert.Empty(Run(b, "6.0"));
        Assert.Equal(["DP412 security.W027 Certain: SECURE_CSP uses CSP.NONCE with django.middleware.csp.ContentSecurityPolicyMiddleware installed, but no TEMPLATES entry lists django.template.context_processors.csp: the nonce is sent in the header but templates cannot use it."],
            Run(b, "6.1").Select(Describe));
        var withProcessor = b.Set("TEMPLATES", L(D(("BACKEND", new PyStr("django.template.backends.django.DjangoTemplates")),
            ("OPTIONS", D(("context_processors", L("django.template.context_processors.csp")))))));
        Assert.Empty(Run(withProcessor, "6.1"));
    }

    [Fact]
    public void Mailers_default_backend_and_missing_default_on_6_1()
    {
        var console = Hardened().Set("MAILERS", D(("default", D(("BACKEND", new PyStr("django.core.mail.backends.console.EmailBackend"))))));
        Assert.Empty(Run(console, "5.2"));
        Assert.Equal(["DP606 mail.E001 Certain: MAILERS['default'] uses django.core.mail.backends.console.EmailBackend, which prints messages to the console: no mail is delivered."],
            Run(console, "6.1").Select(Describe));
        var noDefault = Hardened().Set("MAILERS", D(("smtp", D(("BACKEND", new PyStr("django.core.mail.backends.smtp.EmailBackend"))))));
        Assert.Equal(["DP612 mail.W001 Certain: MAILERS has no 'default' entry: sending e-mail without naming a mailer fails (password resets, mail to ADMINS)."],
            Run(noDefault, "6.1").Select(Describe));
    }

    [Fact]
    public void A_relative_file_cache_location_and_the_3_2_hashing_algorithm()
    {
        var cache = Hardened().Set("CACHES", D(("default", D(("BACKEND", new PyStr("django.core.cache.backends.filebased.FileBasedCache")), ("LOCATION", new PyStr("cache"))))));
        Assert.Equal(["DP611 caches.W003 Certain: The 'default' cache (FileBasedCache) has the relative LOCATION 'cache': each process resolves it against its own working directory."],
            Run(cache, "4.2").Select(Describe));
        var hashing = Hardened().Set("DEFAULT_HASHING_ALGORITHM", "sha512");
        Assert.Equal(["DP516 security.E100 Certain: DEFAULT_HASHING_ALGORITHM is 'sha512', not 'sha1' or 'sha256': Django 3.2's system checks fail with security.E100."],
            Run(hashing, "3.2").Select(Describe));
        Assert.Empty(Run(hashing, "4.0"));
        Assert.Empty(Run(hashing, null));
    }
}
