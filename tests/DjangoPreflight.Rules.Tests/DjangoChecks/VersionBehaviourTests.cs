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
/// that exists only in some, a condition that changed, settings Django refuses at start-up). Each case
/// states Django's result for every supported series (3.2, 4.0, 4.1, 4.2, 5.0, 5.1, 5.2, 6.0, 6.1).
/// The real 3.2, 4.2, 5.2 and 6.1 run each case, so the statement is checked against the real release
/// (a case that stops exercising its behaviour fails too); our rules then target the release and the
/// series the nearest real release stands for (4.0 and 4.1 beside 4.2, 5.0 and 5.1 beside 5.2, 6.0
/// beside 6.1), and must give the stated result: the same check IDs (findings above low confidence),
/// DP214 exactly when Django refuses to start, nothing certain where Django's own check crashes, and,
/// on the real release, the same value, as repr(), for each setting the case is about.
/// What the series without a runnable release do is read from Django's history: ALLOWED_HOSTS joined
/// the settings that must be a list in 4.0 (PR #14149), SECRET_KEY_FALLBACKS and the "is True" cookie
/// checks came in 4.1 (PR #15443), security.E024 and 4_0.E001 in 4.0, STORAGES' exclusion of
/// DEFAULT_FILE_STORAGE/STATICFILES_STORAGE, and the start-up step that reads each STORAGES entry's
/// BACKEND to keep them in step, lasted from 4.2 to 5.0 (both removed in 5.1), CSP and
/// security.E026 came in 6.0, security.W027, MAILERS and mail.* in 6.1 (the 6.1 release notes).
/// </summary>
public sealed class VersionBehaviourTests(ITestOutputHelper output)
{
    private const string Startup = "startup";
    private const string Crash = "crash";

    /// <summary>One case: extra settings (and files), and Django's result per series where it is not
    /// "no check fires": check IDs separated by spaces, "startup" or "crash". Real releases a case cannot
    /// run on (an import that release does not have) are left out by <paramref name="Only"/> (suites).</summary>
    public sealed record Case(string Name, string Settings, Dictionary<string, string> Expected, string[] Values,
        Dictionary<string, string>? Files = null, string[]? Only = null, Dictionary<string, string>? Env = null);

    /// <summary>Every supported series, oldest first.</summary>
    public static readonly string[] Series = ["3.2", "4.0", "4.1", "4.2", "5.0", "5.1", "5.2", "6.0", "6.1"];

    /// <summary>The series each real release stands for: its own, and the older ones of its major
    /// version that no Debian suite carries any more.</summary>
    public static readonly Dictionary<string, string[]> Targets = new()
    {
        [""] = ["3.2"], ["trixie"] = ["4.0", "4.1", "4.2"], ["sid"] = ["5.0", "5.1", "5.2"], ["experimental"] = ["6.0", "6.1"],
    };

    private static Dictionary<string, string> E(params (string[] Series, string Result)[] r) =>
        r.SelectMany(x => x.Series.Select(s => (s, x.Result))).ToDictionary(x => x.s, x => x.Result);

    private static (string[], string) Since(string first, string result) => (Series.Where(s => Cmp(s, first) >= 0).ToArray(), result);
    private static (string[], string) Between(string first, string last, string result) =>
        (Series.Where(s => Cmp(s, first) >= 0 && Cmp(s, last) <= 0).ToArray(), result);
    private static (string[], string) Always(string result) => (Series, result);
    private static int Cmp(string a, string b) => Version.Parse(a).CompareTo(Version.Parse(b));

    private const string Csp = "django.middleware.csp.ContentSecurityPolicyMiddleware";
    private const string CspProcessor = "django.template.context_processors.csp";
    private const string Nonce = "<CSP_NONCE_SENTINEL>";
    private const string FileCache = "django.core.cache.backends.filebased.FileBasedCache";
    private const string SessionMiddleware = "django.contrib.sessions.middleware.SessionMiddleware";

    public static readonly Case[] Cases =
    [
        // Start-up validation (django/conf/__init__.py).
        new("ALLOWED_HOSTS a string", "ALLOWED_HOSTS = 'shop.example.com'", E(Since("4.0", Startup)), ["ALLOWED_HOSTS"]),
        new("ALLOWED_HOSTS a set", "ALLOWED_HOSTS = {'shop.example.com'}", E(Since("4.0", Startup)), ["ALLOWED_HOSTS"]),
        new("ALLOWED_HOSTS from an unsplit variable", "ALLOWED_HOSTS = os.environ.get('HOSTS', 'shop.example.com')", E(Since("4.0", Startup)), ["ALLOWED_HOSTS"]),
        new("SECRET_KEY_FALLBACKS a string", "SECRET_KEY_FALLBACKS = 'oldkey'", E(Since("4.1", Startup)), []),
        new("INSTALLED_APPS a string", "INSTALLED_APPS = 'django.contrib.auth'", E(Always(Startup)), []),
        new("LOCALE_PATHS a string", "LOCALE_PATHS = 'locale'", E(Always(Startup)), []),
        new("PASSWORD_RESET_TIMEOUT and _DAYS", "PASSWORD_RESET_TIMEOUT_DAYS = 3\nPASSWORD_RESET_TIMEOUT = 3600", E((["3.2"], Startup)), ["PASSWORD_RESET_TIMEOUT"]),
        new("STORAGES and DEFAULT_FILE_STORAGE",
            "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}, 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
            + "DEFAULT_FILE_STORAGE = 'django.core.files.storage.FileSystemStorage'", E(Between("4.2", "5.0", Startup)), []),
        new("STORAGES and STATICFILES_STORAGE",
            "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}, 'staticfiles': {'BACKEND': 'django.contrib.staticfiles.storage.StaticFilesStorage'}}\n"
            + "STATICFILES_STORAGE = 'django.contrib.staticfiles.storage.StaticFilesStorage'", E(Between("4.2", "5.0", Startup)), []),
        new("STORAGES a list", "STORAGES = []", E(Between("4.2", "5.0", Startup)), []),
        new("STORAGES default a string", "STORAGES = {'default': 'django.core.files.storage.FileSystemStorage'}", E(Between("4.2", "5.0", Startup)), []),
        new("STORAGES empty", "STORAGES = {}", E(), []),
        new("MAILERS and EMAIL_HOST", "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}\nEMAIL_HOST = 'smtp.example.com'",
            E(Since("6.1", Startup)), []),

        // SECRET_KEY_FALLBACKS (4.1+): W025 per weak key; a None key makes Django's check crash.
        new("SECRET_KEY_FALLBACKS weak", "SECRET_KEY_FALLBACKS = ['short', 'q8#v2m!x7k(zr4t-w9p$e3n6b+y1u5h0c&j^a@f%l*d)sKq2Z']", E(Since("4.1", "security.W025")), ["SECRET_KEY_FALLBACKS"]),
        new("SECRET_KEY_FALLBACKS from a missing variable", "SECRET_KEY_FALLBACKS = [os.environ.get('OLD_SECRET_KEY')]", E(Since("4.1", Crash)), ["SECRET_KEY_FALLBACKS"]),

        // Checks whose condition changed: cookie flags must be True itself since 4.1; COOP and trusted origins since 4.0.
        new("CSRF_COOKIE_SECURE truthy", "CSRF_COOKIE_SECURE = 1", E(Since("4.1", "security.W016")), ["CSRF_COOKIE_SECURE"]),
        new("session cookie flags truthy", $"MIDDLEWARE = MIDDLEWARE + ['{SessionMiddleware}']\nSESSION_COOKIE_SECURE = 1\nSESSION_COOKIE_HTTPONLY = 'yes'",
            E(Since("4.1", "security.W011 security.W014")), ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY"]),
        new("session cookie flags True", $"MIDDLEWARE = MIDDLEWARE + ['{SessionMiddleware}']\nSESSION_COOKIE_SECURE = True\nSESSION_COOKIE_HTTPONLY = True",
            E(), ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY"]),
        new("SECURE_CROSS_ORIGIN_OPENER_POLICY misspelt", "SECURE_CROSS_ORIGIN_OPENER_POLICY = 'same_origin'", E(Since("4.0", "security.E024")), ["SECURE_CROSS_ORIGIN_OPENER_POLICY"]),
        new("CSRF_TRUSTED_ORIGINS without a scheme", "CSRF_TRUSTED_ORIGINS = ['shop.example.com']", E(Since("4.0", "4_0.E001")), ["CSRF_TRUSTED_ORIGINS"]),

        // security.E100 (3.1-3.2 only).
        new("DEFAULT_HASHING_ALGORITHM sha512", "DEFAULT_HASHING_ALGORITHM = 'sha512'", E((["3.2"], "security.E100")), ["DEFAULT_HASHING_ALGORITHM"]),
        new("DEFAULT_HASHING_ALGORITHM sha1", "DEFAULT_HASHING_ALGORITHM = 'sha1'", E(), ["DEFAULT_HASHING_ALGORITHM"]),

        // security.E101/E102 (every release).
        new("CSRF_FAILURE_VIEW without a dot", "CSRF_FAILURE_VIEW = 'csrf_failure'", E(Always("security.E102")), ["CSRF_FAILURE_VIEW"]),
        new("CSRF_FAILURE_VIEW without reason", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(Always("security.E101")), [],
            Files: new() { ["proj/views.py"] = "def csrf_failure(request):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW with reason", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(), [],
            Files: new() { ["proj/views.py"] = "from django.views.decorators.csrf import requires_csrf_token\n\n\n@requires_csrf_token\ndef csrf_failure(request, reason=''):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW taking anything", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(), [],
            Files: new() { ["proj/views.py"] = "def csrf_failure(*args, **kwargs):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW with reason first", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(Always("security.E101")), [],
            Files: new() { ["proj/views.py"] = "def csrf_failure(reason, request=None):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW not in its module", "CSRF_FAILURE_VIEW = 'proj.views.csrf_failure'", E(Always(Crash)), [],
            Files: new() { ["proj/views.py"] = "def other(request, reason=''):\n    return None\n" }),
        new("CSRF_FAILURE_VIEW module missing", "CSRF_FAILURE_VIEW = 'proj.missing.csrf_failure'", E(Always(Crash)), []),

        // caches.W003 (every release).
        new("file cache at a relative path", $"CACHES = {{'default': {{'BACKEND': '{FileCache}', 'LOCATION': 'django_cache'}}}}", E(Always("caches.W003")), ["CACHES"]),
        new("file cache at a relative Path", $"from pathlib import Path\nCACHES = {{'default': {{'BACKEND': '{FileCache}', 'LOCATION': Path('cache')}}}}", E(Always("caches.W003")), ["CACHES"]),
        new("file cache at an absolute path", $"CACHES = {{'default': {{'BACKEND': '{FileCache}', 'LOCATION': '/var/tmp/django_cache'}}}}", E(), ["CACHES"]),

        // security.E026 (6.0+): None or a dict (OrderedDict is one); anything else, a mappingproxy too, is an error.
        new("SECURE_CSP a string", "SECURE_CSP = \"default-src 'self'\"", E(Since("6.0", "security.E026")), ["SECURE_CSP"]),
        new("SECURE_CSP empty string", "SECURE_CSP = ''", E(Since("6.0", "security.E026")), ["SECURE_CSP"]),
        new("SECURE_CSP_REPORT_ONLY False", "SECURE_CSP_REPORT_ONLY = False", E(Since("6.0", "security.E026")), ["SECURE_CSP_REPORT_ONLY"]),
        new("SECURE_CSP a list", "SECURE_CSP = []", E(Since("6.0", "security.E026")), ["SECURE_CSP"]),
        new("SECURE_CSP a mappingproxy", "import types\nSECURE_CSP = types.MappingProxyType({'default-src': [\"'self'\"]})", E(Since("6.0", "security.E026")), ["SECURE_CSP"]),
        // Python 3.12 changed OrderedDict's repr, so its value is compared where 6.1 runs it.
        new("SECURE_CSP an OrderedDict", "from collections import OrderedDict\nSECURE_CSP = OrderedDict([('default-src', [\"'self'\"])])", E(), ["SECURE_CSP"], Only: ["experimental"]),
        new("SECURE_CSP None", "SECURE_CSP = None", E(), ["SECURE_CSP"]),

        // security.W027 (6.1+): the CSP middleware, a nonce in a policy, no context processor.
        new("nonce in a list, no processor", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'script-src': [\"'self'\", '{Nonce}']}}", E(Since("6.1", "security.W027")), ["SECURE_CSP"]),
        new("nonce in a set, report-only", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP_REPORT_ONLY = {{'script-src': {{'{Nonce}'}}}}", E(Since("6.1", "security.W027")), ["SECURE_CSP_REPORT_ONLY"]),
        new("nonce inside a string", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'script-src': \"'self' {Nonce}\"}}", E(Since("6.1", "security.W027")), ["SECURE_CSP"]),
        new("nonce with the processor", $"MIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'script-src': ['{Nonce}']}}\n"
            + $"TEMPLATES = [{{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'OPTIONS': {{'context_processors': ['{CspProcessor}']}}}}]", E(), ["SECURE_CSP"]),
        new("nonce without the middleware", $"SECURE_CSP = {{'script-src': ['{Nonce}']}}", E(), ["SECURE_CSP"]),
        new("CSP constants", $"from django.utils.csp import CSP\nMIDDLEWARE = MIDDLEWARE + ['{Csp}']\nSECURE_CSP = {{'default-src': [CSP.SELF], 'script-src': [CSP.SELF, CSP.NONCE]}}",
            // CSP members are str (what Django's checks and middleware compare); only their repr() differs.
            E(Since("6.1", "security.W027")), [], Only: ["experimental"]),

        // mail.E001 (deploy) and mail.W001 (6.1+).
        new("MAILERS default console", "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.console.EmailBackend'}}", E(Since("6.1", "mail.E001")), ["MAILERS"]),
        new("MAILERS default smtp", "MAILERS = {'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}", E(), ["MAILERS"]),
        new("MAILERS without default", "MAILERS = {'smtp': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'}}", E(Since("6.1", "mail.W001")), ["MAILERS"]),
        new("MAILERS empty", "MAILERS = {}", E(Since("6.1", "mail.W001")), ["MAILERS"]),
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
        var series = RealDjango.Release(suite).Series;
        var rules = ProjectRuleSet.All.Where(r => r is DeployCheckRule or CsrfFailureViewInvalid).ToList();
        var problems = new List<string>();
        var agree = Targets[suite].ToDictionary(t => t, _ => 0);
        int values = 0;
        foreach (var (c, variant) in cases.Zip(variants))
        {
            var django = real[variant.Name];
            var theirs = django.Startup is not null ? Startup : django.Error is not null ? Crash : string.Join(' ', django.Ids);
            var stated = c.Expected.GetValueOrDefault(series, "");
            var realAgrees = theirs == stated;
            if (!realAgrees)
                problems.Add($"{c.Name}: the real Django {version} gives [{theirs}] ({django.Startup ?? django.Error}), the case states [{stated}] for {series}");

            foreach (var target in Targets[suite])
            {
                // The real release is targeted by its exact version; an older series by its number.
                var onReal = target == series;
                var expected = onReal ? theirs : c.Expected.GetValueOrDefault(target, "");
                var project = new ProjectContext(variant.Root, new ScanOptions
                {
                    SettingsModule = variant.SettingsModule, EnvPairs = variant.Env.ToList(), DjangoVersion = onReal ? version : target, NoHistory = true,
                });
                var findings = RuleRunner.Run(project, rules).Where(f => f.Confidence != Confidence.Low).ToList();
                var ours = findings.Any(f => f.RuleId == "DP214") ? Startup
                    : string.Join(' ', findings.Select(f => f.DjangoId).OfType<string>().Distinct().Order(StringComparer.Ordinal));
                // Where Django's check crashes it reports nothing: we must not claim one of its IDs for sure.
                var ok = realAgrees && ours == (expected == Crash ? "" : expected);
                if (ours != (expected == Crash ? "" : expected))
                    problems.Add($"{c.Name}: Django {(onReal ? version : target)} [{expected}], ours [{ours}]: {string.Join(" | ", findings.Select(f => $"{f.RuleId} {f.Message}"))}");

                if (onReal && theirs is not (Startup or Crash))
                {
                    var model = project.Settings.Production!;
                    foreach (var name in c.Values)
                    {
                        values++;
                        var mine = model[name] is { } s ? PyRepr.Of(s.Value) : null;
                        var djangoValue = django.Values.GetValueOrDefault(name);
                        if (mine == djangoValue) continue;
                        ok = false;
                        problems.Add($"{c.Name}: {name} is {djangoValue ?? "(no such setting)"} in Django {version}, ours {mine ?? "(no such setting)"}");
                    }
                }
                if (ok) agree[target]++;
            }
        }
        foreach (var target in Targets[suite])
            output.WriteLine(target == series
                ? $"Django {target} (real {version}): {agree[target]} of {cases.Count} hand-written cases agree ({values} values compared)"
                : $"Django {target} (rules targeting {target}, cases run by the real {version}): {agree[target]} of {cases.Count} hand-written cases agree");
        foreach (var p in problems) output.WriteLine(p);
        Assert.Empty(problems);
        Assert.All(Targets[suite], t => Assert.Equal(cases.Count, agree[t]));
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
