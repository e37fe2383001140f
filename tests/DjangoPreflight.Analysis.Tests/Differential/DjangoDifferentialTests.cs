using System.Diagnostics;
using System.Text.Json;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;
using Xunit.Abstractions;

namespace DjangoPreflight.Analysis.Tests.Differential;

/// <summary>
/// Our evaluator against Django itself: a seeded corpus of settings variants (generate_corpus.py)
/// and the example projects are imported by the real Django 3.2 (/usr/bin/python3, dump_django.py)
/// under the same environment, and every security-relevant value we report as known must equal
/// Django's. Unknowns are counted and must stay rare on the corpus.
/// </summary>
public class DjangoDifferentialTests
{
    public const string Python = "/usr/bin/python3";

    public static readonly string[] SecuritySettings =
    [
        "DEBUG", "SECRET_KEY", "SECRET_KEY_FALLBACKS", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "INTERNAL_IPS",
        "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER", "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_REFERRER_POLICY", "SECURE_BROWSER_XSS_FILTER",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY", "SECURE_REDIRECT_EXEMPT", "SECURE_SSL_HOST",
        "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "SESSION_COOKIE_AGE",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SESSION_ENGINE", "SESSION_SERIALIZER", "SESSION_COOKIE_DOMAIN",
        "CSRF_COOKIE_SECURE", "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "CSRF_USE_SESSIONS",
        "LANGUAGE_COOKIE_SECURE", "LANGUAGE_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_SAMESITE",
        "X_FRAME_OPTIONS", "USE_X_FORWARDED_HOST", "USE_X_FORWARDED_PORT",
        "DATABASES", "CACHES", "MIDDLEWARE", "INSTALLED_APPS", "PASSWORD_HASHERS", "AUTH_PASSWORD_VALIDATORS",
        "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "EMAIL_USE_SSL",
        "DEFAULT_FROM_EMAIL", "SERVER_EMAIL", "ADMINS", "MANAGERS", "LOGGING",
        "STATIC_ROOT", "STATIC_URL", "MEDIA_ROOT", "MEDIA_URL", "FILE_UPLOAD_PERMISSIONS", "DATA_UPLOAD_MAX_MEMORY_SIZE",
        "CORS_ALLOW_ALL_ORIGINS", "CORS_ALLOWED_ORIGINS", "CORS_ALLOW_CREDENTIALS", "ROOT_URLCONF", "TEMPLATES",
        "DEFAULT_AUTO_FIELD", "DEFAULT_HASHING_ALGORITHM", "REST_FRAMEWORK", "TIME_ZONE", "USE_TZ",
    ];

    private readonly ITestOutputHelper _output;

    public DjangoDifferentialTests(ITestOutputHelper output) => _output = output;

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    private static string Script(string name) => Path.Combine(RepoRoot(), "tests", "DjangoPreflight.Analysis.Tests", "Differential", name);

    private static void Run(params string[] args)
    {
        PythonModules.Require("django", "environ", "decouple", "dj_database_url", "rest_framework");
        var psi = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/bin:/bin";
        // The driver imports the examples in place; bytecode written there would race the tests that copy them.
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{string.Join(' ', args)} failed: {stderr.Result}");
    }

    private sealed record Variant(string Name, string Module, string Root, Dictionary<string, string> Env, string? Path, List<string> Stubs);

    private sealed record Tally(int Compared, int Unknown, int ImportFailures, List<string> Mismatches);

    private static List<Variant> ReadManifest(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.EnumerateArray().Select(v => new Variant(
            v.GetProperty("name").GetString()!,
            v.GetProperty("module").GetString()!,
            v.GetProperty("root").GetString()!,
            v.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            v.TryGetProperty("path", out var p) ? p.GetString() : null,
            v.TryGetProperty("stubs", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : [])).ToList();
    }

    /// <summary>Runs Django on every variant and compares with our evaluation of the same project and env.</summary>
    private Tally Compare(string manifestPath, Func<Variant, string> projectDir)
    {
        var djangoOut = Path.Combine(Path.GetDirectoryName(manifestPath)!, "django.json");
        Run([Script("dump_django.py"), manifestPath, djangoOut, .. SecuritySettings]);
        using var django = JsonDocument.Parse(File.ReadAllText(djangoOut));
        var byName = django.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        int compared = 0, unknown = 0, failures = 0;
        var mismatches = new List<string>();
        foreach (var variant in ReadManifest(manifestPath))
        {
            var ctx = new ProjectContext(projectDir(variant), new ScanOptions
            {
                SettingsModule = variant.Module,
                EnvPairs = variant.Env.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).ToList(),
                DjangoVersion = "3.2",
            });
            var model = ctx.Settings.Production!;
            var theirs = byName[variant.Name];
            if (!theirs.GetProperty("ok").GetBoolean())
            {
                failures++;
                if (model.Raises.Count == 0)
                    mismatches.Add($"{variant.Name}: Django fails to import ({theirs.GetProperty("error").GetString()}) but we predict no exception");
                continue;
            }
            foreach (var r in model.Raises)
                mismatches.Add($"{variant.Name}: we predict '{r}' but Django imports fine");
            var values = theirs.GetProperty("values");
            foreach (var name in SecuritySettings)
            {
                var has = values.TryGetProperty(name, out var expected);
                var ours = model[name];
                if (!has)
                {
                    if (ours is not null) mismatches.Add($"{variant.Name}: {name} is not a setting in Django 3.2 but we report {Canonical.Of(ours.Value) ?? "unknown"}");
                    continue;
                }
                if (expected.ValueKind == JsonValueKind.Null) continue; // not a plain value in Django (e.g. a lazy object)
                if (ours is null)
                {
                    mismatches.Add($"{variant.Name}: {name}: Django has {expected.GetString()} but we have no such setting");
                    continue;
                }
                compared++;
                var mine = Canonical.Of(ours.Value);
                if (mine is null) { unknown++; continue; }
                if (mine != expected.GetString())
                    mismatches.Add($"{variant.Name}: {name}: ours {mine} != Django {expected.GetString()}");
            }
        }
        return new Tally(compared, unknown, failures, mismatches);
    }

    /// <summary>A manifest of one project for dump_django.py: its settings module, under <paramref name="env"/>.</summary>
    private static string WriteManifest(string dir, string name, string module, string project, IEnumerable<KeyValuePair<string, string>> env, IEnumerable<string> stubs)
    {
        var manifest = Path.Combine(dir, "manifest.json");
        using var stream = File.Create(manifest);
        using var w = new Utf8JsonWriter(stream);
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("name", name);
        w.WriteString("module", module);
        w.WriteString("root", ".");
        w.WriteString("path", project);
        w.WriteStartObject("env");
        foreach (var (k, v) in env) w.WriteString(k, v);
        w.WriteEndObject();
        w.WriteStartArray("stubs");
        foreach (var s in stubs) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        return manifest;
    }

    [Theory]
    [InlineData("insecure-shop", "debug_toolbar,sentry_sdk", 50)]
    [InlineData("hardened-shop", "", 50)]
    public void Example_project_matches_django(string example, string stubs, int minCompared)
    {
        var project = Path.Combine(RepoRoot(), "examples", example);
        var dir = Path.Combine(Path.GetTempPath(), "dp-example-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var env = DjangoPreflight.Analysis.Environment.DotEnvParser.Parse(File.ReadAllText(Path.Combine(project, RepoPaths.ProductionEnv(example))));
            var manifest = WriteManifest(dir, example, "shop.settings.production", project, env, stubs.Split(',', StringSplitOptions.RemoveEmptyEntries));
            var tally = Compare(manifest, _ => project);
            _output.WriteLine($"{example}: {tally.Compared} settings compared, {tally.Unknown} unknown");
            Assert.True(tally.Mismatches.Count == 0, string.Join("\n", tally.Mismatches));
            Assert.Equal(0, tally.ImportFailures);
            Assert.True(tally.Compared >= minCompared, $"only {tally.Compared} compared");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The split-settings shape (Settings/Shapes) imported by Django with Debian's real
    /// django-split-settings: include() order, globs, a file run once, nested relative includes.</summary>
    [Fact]
    public void Split_settings_shape_matches_django_with_the_real_library()
    {
        PythonModules.Require("split_settings");
        var source = Path.Combine(RepoRoot(), "tests", "DjangoPreflight.Analysis.Tests", "Settings", "Shapes", "split-settings");
        var dir = Path.Combine(Path.GetTempPath(), "dp-split-" + Guid.NewGuid().ToString("N")[..10]);
        var project = Path.Combine(dir, "project");
        try
        {
            foreach (var file in Directory.GetFiles(source, "*.py", SearchOption.AllDirectories))
            {
                var target = Path.Combine(project, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            var manifest = WriteManifest(dir, "split-settings", "site_app.settings", project, [], []);
            var tally = Compare(manifest, _ => project);
            _output.WriteLine($"split-settings: {tally.Compared} settings compared, {tally.Unknown} unknown");
            Assert.True(tally.Mismatches.Count == 0, string.Join("\n", tally.Mismatches));
            Assert.Equal(0, tally.ImportFailures);
            Assert.Equal(0, tally.Unknown);
            Assert.True(tally.Compared >= 50, $"only {tally.Compared} compared");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Generated_corpus_matches_django()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dp-corpus-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        try
        {
            var watch = Stopwatch.StartNew();
            Run(Script("generate_corpus.py"), dir, "200");
            var tally = Compare(Path.Combine(dir, "manifest.json"), v => Path.Combine(dir, v.Name));
            var rate = tally.Unknown * 100.0 / Math.Max(1, tally.Compared);
            _output.WriteLine($"corpus: 200 variants, {tally.ImportFailures} fail to import in Django, {tally.Compared} settings compared, {tally.Unknown} unknown ({rate:F2}%), {watch.Elapsed.TotalSeconds:F1}s");
            Assert.True(tally.Mismatches.Count == 0, string.Join("\n", tally.Mismatches.Take(40)) + $"\n({tally.Mismatches.Count} mismatches)");
            Assert.True(tally.Compared > 200 * 40, $"only {tally.Compared} settings compared");
            Assert.True(rate < 2.0, $"{rate:F2}% unknown");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
