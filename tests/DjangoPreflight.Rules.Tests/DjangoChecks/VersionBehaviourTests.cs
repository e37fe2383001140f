using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Auth;
using DjangoPreflight.Rules.DjangoChecks;
using DjangoPreflight.Rules.Disclosure;
using Xunit.Abstractions;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>
/// Hand-written differential cases, one per behaviour that differs between Django releases (a check
/// that exists only in some, a condition that changed, settings Django refuses at start-up), each
/// run by the real 3.2, 4.2, 5.2 and 6.1 and by our rules targeting the same release. Each case says
/// what the real Django does per release, so a case that stops exercising its behaviour fails too;
/// then our result must equal Django's: the same check IDs (findings above low confidence), DP214
/// exactly when Django refuses to start, nothing certain where Django's own check crashes, and the
/// same value, as repr(), for each setting the case is about.
/// </summary>
public sealed class VersionBehaviourTests(ITestOutputHelper output)
{
    private const string Startup = "startup";
    private const string Crash = "crash";

    /// <summary>One case: extra settings (and files), and Django's result per suite where it is not
    /// "no check fires": check IDs separated by spaces, "startup" or "crash". Suites a case cannot run
    /// on (an import that release does not have) are listed in <paramref name="Only"/>.</summary>
    public sealed record Case(string Name, string Settings, Dictionary<string, string> Expected, string[] Values,
        Dictionary<string, string>? Files = null, string[]? Only = null, Dictionary<string, string>? Env = null);

    private static Dictionary<string, string> E(params (string Suite, string Result)[] r) => r.ToDictionary(x => x.Suite, x => x.Result);

    private const string Csp = "django.middleware.csp.ContentSecurityPolicyMiddleware";
    private const string CspProcessor = "django.template.context_processors.csp";
    private const string Nonce = "<CSP_NONCE_SENTINEL>";
    private const string FileCache = "django.core.cache.backends.filebased.FileBasedCache";
    private static readonly string[] New = ["trixie", "sid", "experimental"];

    private static (string, string)[] From(string[] suites, string result) => suites.Select(s => (s, result)).ToArray();

    public static readonly Case[] Cases =
    [
        // Start-up validation (django/conf/__init__.py).
        new("ALLOWED_HOSTS a string", "ALLOWED_HOSTS = 'shop.example.com'", E(From(New, Startup)), ["ALLOWED_HOSTS"]),
        new("ALLOWED_HOSTS a set", "ALLOWED_HOSTS = {'shop.example.com'}", E(From(New, Startup)), ["ALLOWED_HOSTS"]),
        new("ALLOWED_HOSTS from an unsplit variable", "ALLOWED_HOSTS = os.environ.get('HOSTS', 'shop.example.com')", E(From(New, Startup)), ["ALLOWED_HOSTS"]),
        new("SECRET_KEY_FALLBACKS a string", "SECRET_KEY_FALLBACKS = 'oldkey'", E(From(New, Startup)), []),
        new("INSTALLED_APPS a string", "INSTALLED_APPS = 'django.contrib.auth'", E(From(["", .. New], Startup)), []),
        new("PASSWORD_RESET_TIMEOUT and _DAYS", "PASSWORD_RESET_TIMEOUT_DAYS = 3\nPASSWORD_RESET_TIMEOUT = 3600", E(("", Startup)), ["PASSWORD_RESET_TIMEOUT"]),
        new("STORAGES and DEFAULT_FILE_STORAGE",
            "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}, 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
            + "DEFAULT_FILE_STORAGE = 'django.core.files.storage.FileSystemStorage'", E(("trixie", Startup)), []),
        new("MAILERS and EMAIL_HOST", "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}\nEMAIL_HOST = 'smtp.example.com'",
            E(("experimental", Startup)), []),

        // SECRET_KEY_FALLBACKS (4.1+): W025 per weak key; a None key makes Django's check crash.
        new("SECRET_KEY_FALLBACKS weak", "SECRET_KEY_FALLBACKS = ['short', 'q8#v2m!x7k(zr4t-w9p$e3n6b+y1u5h0c&j^a@f%l*d)sKq2Z']", E(From(New, "security.W025")), ["SECRET_KEY_FALLBACKS"]),
        new("SECRET_KEY_FALLBACKS from a missing variable", "SECRET_KEY_FALLBACKS = [os.environ.get('OLD_SECRET_KEY')]", E(From(New, Crash)), ["SECRET_KEY_FALLBACKS"]),

        // Checks whose condition changed: cookie flags must be True itself since 4.1; COOP and trusted origins since 4.0.
        new("CSRF_COOKIE_SECURE truthy", "CSRF_COOKIE_SECURE = 1", E(From(New, "security.W016")), ["CSRF_COOKIE_SECURE"]),
        new("SECURE_CROSS_ORIGIN_OPENER_POLICY misspelt", "SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same_origin'", E(From(New, "security.E024")), ["SECURE_CROSS_ORIGIN_OPENER_POLICY"]),
        new("CSRF_TRUSTED_ORIGINS without a scheme", "CSRF_TRUSTED_ORIGINS = ['shop.example.com']", E(From(New, "4_0.E001")), ["CSRF_TRUSTED_ORIGINS"]),

        // security.E100 (3.1-3.2 only).
        new("DEFAULT_HASHING_ALGORITHM sha512", "DEFAULT_HASHING_ALGORITHM = 'sha512'", E(("", "security.E100")), ["DEFAULT_HASHING_ALGORITHM"]),
        new("DEFAULT_HASHING_ALGORITHM sha1", "DEFAULT_HASHING_ALGORITHM = 'sha1'", E(), ["DEFAULT_HASHING_ALGORITHM"]),

        // security.E101/E102 (every release).
        new("CSRF_FAILURE_VIEW without a dot", "CSRF_FAILURE_VIEW = 'csrf_failure'", E(From(["", .. New], "security.E102")), ["CSRF_FAILURE_VIEW"]),
        new("CSRF_FAILURE_VIEW without reason", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(From(["", .. New], "security.E101")), [],
            Files: new() { ["proj/views.py"] = "def csrf_failure(request):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW with reason", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(), [],
            Files: new() { ["proj/views.py"] = "from django.views.decorators.csrf import requires_csrf_token\n\n\n@requires_csrf_token\ndef csrf_failure(request, reason=''):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW taking anything", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(), [],
            Files: new() { ["proj/views.py"] = "def csrf_failure(*args, **kwargs):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW with reason first", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(From(["", .. New], "security.E101")), [],
            Files: new() { ["proj/views.py"] = "def csrf_failure(reason, request=None):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW not in its module", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(From(["", .. New], Crash)), [],
            Files: new() { ["proj/views.py"] = "def other(request, reason=''):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW module missing", "CSRF_FAILURE_VIEW = 'proj.missing.csrf_failure'", E(From(["", .. New], Crash)), []),

        // caches.W003 (every release).
        new("file cache at a relative path", $"CACHES = {{'default': {{'BACKEND': '{FileCache}', 'LOCATION': 'django_cache'}}}}", E(From(["", .. New], "caches.W003")), ["CACHES"]),
        new("file cache at a relative Path", $"from pathlib import Path\nCACHES = {{'default': {{'BACKEND': '{FileCache}', 'LOCATION': Path('cache')}}}}", E(From(["", .. New], "caches.W003")), ["CACHES"]),
        new("file cache at an absolute path", $"CACHES = {{'default': {{'BACKEND': '{FileCache}', 'LOCATION': '/var/tmp/django_cache'}}}}", E(), ["CACHES"]),

        // security.E026 (6.0+): None or a dict (OrderedDict is one); anything else, a mappingproxy too, is an error.
        new("SECURE_CSP a string", "SECURE_CSP = \"default-src 'self'\"", E(("experimental", "security.E026")), ["SECURE_CSP"]),
        new("SECURE_CSP empty string", "SECURE_CSP = ''", E(("experimental", "security.E026")), ["SECURE_CSP"]),
        new("SECURE_CSP_REPORT_ONLY False", "SECURE_CSP_REPORT_ONLY = False", E(("experimental", "security.E026")), ["SECURE_CSP_REPORT_ONLY"]),
        new("SECURE_CSP a list", "SECURE_CSP = []", E(("experimental", "security.E026")), ["SECURE_CSP"]),
        new("SECURE_CSP a mappingproxy", "import types\nSECURE_CSP = types.MappingProxyType({'default-src': [\"'self'\"]})", E(("experimental", "security.E026")), ["SECURE_CSP"]),
        // Python 3.12 changed OrderedDict's repr, so its value is compared where 6.1 runs it.
        new("SECURE_CSP an OrderedDict", "from collections import OrderedDict\nSECURE_CSP = OrderedDict([('default-src', [\"'self'\"])])", E(), ["SECURE_CSP"], Only: ["experimental"]),
        new("SECURE_CSP None", "SECURE_CSP = None", E(), ["SECURE_CSP"]),

        // security.W027 (6.1+): the CSP middleware, a nonce in a policy, no context processor.
        new("nonce in a list, no processor", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'script-src': [\"'self'\", '{Nonce}']}}", E(("experimental", "security.W027")), ["SECURE_CSP"]),
        new("nonce in a set, report-only", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP_REPORT_ONLY = {{'script-src': {{'{Nonce}'}}}}", E(("experimental", "security.W027")), ["SECURE_CSP_REPORT_ONLY"]),
        new("nonce inside a string", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'script-src': \"'self' {Nonce}\"}}", E(("experimental", "security.W027")), ["SECURE_CSP"]),
        new("nonce with the processor", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'script-src': ['{Nonce}']}}\n"
            + $"TEMPLATES = [{{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'OPTIONS': {{'context_processors': ['{CspProcessor}']}}}}]", E(), ["SECURE_CSP"]),
        new("nonce without the middleware", $"SECURE_CSP = {{'script-src': ['{Nonce}']}}", E(), ["SECURE_CSP"]),
        new("CSP constants", $"from django.utils.csp import CSP\nMIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'default-src': [CSP.SELF], 'script-src': [CSP.SELF, CSP.NONCE]}}",
            // CSP members are str (what Django's checks and middleware compare); only their repr() differs.
            E(("experimental", "security.W027")), [], Only: ["experimental"]),

        // mail.E001 (deploy) and mail.W001 (6.1+).
        new("MAILERS default console", "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.console.EmailBackend'}}", E(("experimental", "mail.E001")), ["MAILERS"]),
        new("MAILERS default smtp", "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}", E(), ["MAILERS"]),
        new("MAILERS without default", "MAILERS = {'smtp': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}", E(("experimental", "mail.W001")), ["MAILERS"]),
        new("MAILERS empty", "MAILERS = {}", E(("experimental", "mail.W001")), ["MAILERS"]),
        new("EMAIL_BACKEND console", "EMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'", E(), ["EMAIL_BACKEND"]),
    ];

    public static TheoryData<string> Suites => new() { "", "trixie", "sid", "experimental" };

    [Theory]
    [MemberData(nameof(Suites))]
    public void Every_version_specific_behaviour_agrees_with_the_real_django(string suite)
    {
        using var temp = new TestSupport.TempDirectory("dp-versions");
        var cases = Cases.Where(c => c.Only is null || c.Only.Contains(suite)).ToList();
        var variants = cases.Select((c, i) => Write(temp.Path, $"c{i:D2}", c)).ToList();
        var (version, real) = RealDjango.CheckDeploy(suite, variants, temp.Path);
        var rules = ProjectRuleSet.All.Where(r => r is DeployCheckRule or CsrfFailureViewInvalid).ToList();
        var problems = new List<string>();
        int values = 0;
        foreach (var (c, variant) in cases.Zip(variants))
        {
            var django = real[variant.Name];
            var theirs = django.Startup is not null ? Startup : django.Error is not null ? Crash : string.Join(' ', django.Ids);
            var expected = c.Expected.GetValueOrDefault(suite, "");
            if (theirs != expected)
                problems.Add($"{c.Name}: the real Django {version} gives [{theirs}] ({django.Startup ?? django.Error}), the case expects [{expected}]");

            var project = new ProjectContext(variant.Root, new ScanOptions
            {
                SettingsModule = variant.SettingsModule, EnvPairs = variant.Env.ToList(), DjangoVersion = version, NoHistory = true,
            });
            var findings = RuleRunner.Run(project, rules).Where(f => f.Confidence != Confidence.Low).ToList();
            var ours = findings.Any(f => f.RuleId == "DP214") ? Startup
                : string.Join(' ', findings.Select(f => f.DjangoId).OfType<string>().Distinct().Order(StringComparer.Ordinal));
            // Where Django's check crashes it reports nothing: we must not claim one of its IDs for sure.
            if (ours != (theirs == Crash ? "" : theirs))
                problems.Add($"{c.Name}: Django {version} [{theirs}], ours [{ours}]: {string.Join(" | ", findings.Select(f => $"{f.RuleId} {f.Message}"))}");

            if (theirs is Startup or Crash) continue;
            var model = project.Settings.Production!;
            foreach (var name in c.Values)
            {
                values++;
                var mine = model[name] is { } s ? PyRepr.Of(s.Value) : null;
                var djangoValue = django.Values.GetValueOrDefault(name);
                if (mine != djangoValue)
                    problems.Add($"{c.Name}: {name} is {djangoValue ?? "(no such setting)"} in Django {version}, ours {mine ?? "(no such setting)"}");
            }
        }
        output.WriteLine($"Django {version}: {cases.Count - problems.Count(p => !p.Contains(" is "))} of {cases.Count} hand-written cases agree, {values} values compared");
        foreach (var p in problems) output.WriteLine(p);
        Assert.Empty(problems);
    }

    private static DeployVariant Write(string dir, string name, Case c)
    {
        var root = Path.Combine(dir, name);
        Directory.CreateDirectory(Path.Combine(root, "proj"));
        File.WriteAllText(Path.Combine(root, "proj", "__init__.py"), "");
        File.WriteAllText(Path.Combine(root, "proj", "urls.py"), "urlpatterns = []\n");
        File.WriteAllText(Path.Combine(root, "manage.py"),
            "import os\nimport sys\n\nif __name__ == \"__main__\":\n    os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"proj.settings\")\n" +
            "    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n");
        foreach (var (path, text) in c.Files ?? [])
            File.WriteAllText(Path.Combine(root, path), text);
        // Quiet on every release: each case adds the one thing it is about.
        File.WriteAllText(Path.Combine(root, "proj", "settings.py"), $$"""
            import os

            SECRET_KEY = "q8#v2m!x7k(zr4t-w9p$e3n6b+y1u5h0c&j^a@f%l*d)sKq2Zw"
            DEBUG = False
            ALLOWED_HOSTS = ["shop.example.com"]
            INSTALLED_APPS = []
            MIDDLEWARE = [
                "django.middleware.security.SecurityMiddleware",
                "django.middleware.csrf.CsrfViewMiddleware",
                "django.middleware.clickjacking.XFrameOptionsMiddleware",
            ]
            ROOT_URLCONF = "proj.urls"
            SECURE_HSTS_SECONDS = 31536000
            SECURE_HSTS_INCLUDE_SUBDOMAINS = True
            SECURE_HSTS_PRELOAD = True
            SECURE_SSL_REDIRECT = True
            CSRF_COOKIE_SECURE = True
            X_FRAME_OPTIONS = "DENY"
            TIME_ZONE = "UTC"

            {{c.Settings}}

            """);
        return new DeployVariant(name, root, "proj.settings", c.Env ?? [], c.Name) { Values = c.Values };
    }
}
