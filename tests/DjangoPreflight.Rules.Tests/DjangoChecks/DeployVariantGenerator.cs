using System.Text;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>One generated Django project: where it is, the settings module to check, the environment to check it under.</summary>
public sealed record DeployVariant(string Name, string Root, string SettingsModule, IReadOnlyDictionary<string, string> Env, string Description)
{
    /// <summary>Settings whose values the real Django reports back, to compare value by value.</summary>
    public IReadOnlyList<string>? Values { get; init; }
}

/// <summary>
/// Writes a deterministic corpus of Django projects whose settings exercise every condition of the deploy
/// checks: each setting absent, good, bad or borderline (truthy-but-not-True, wrong case, strings where lists
/// are expected), literal or read from the environment with the variable given or missing, single settings
/// files and base/production splits with overrides, middleware and apps in different subsets and orders.
/// </summary>
public static class DeployVariantGenerator
{
    /// <summary>One way to write a setting: Python source (null = leave the setting out), and an optional
    /// environment variable it reads with the values a variant may give it (or leave it missing).</summary>
    private sealed record Choice(string? Code, string? EnvVar = null, string[]? EnvValues = null, bool EnvRequired = false);

    private static Choice Absent => new(null);
    private static Choice Lit(string code) => new(code);
    private static Choice Env(string code, string var, params string[] values) => new(code, var, values);

    private const string SecurityMw = "django.middleware.security.SecurityMiddleware";
    private const string SessionMw = "django.contrib.sessions.middleware.SessionMiddleware";
    private const string CsrfMw = "django.middleware.csrf.CsrfViewMiddleware";
    private const string XFrameMw = "django.middleware.clickjacking.XFrameOptionsMiddleware";
    private static readonly string[] OtherMiddleware =
        ["django.middleware.common.CommonMiddleware", "django.contrib.auth.middleware.AuthenticationMiddleware", "django.contrib.messages.middleware.MessageMiddleware",
         "django.middleware.csp.ContentSecurityPolicyMiddleware"];

    private static readonly string[][] AppSets =
    [
        [],
        ["django.contrib.sessions"],
        ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions"],
        ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.messages", "django.contrib.staticfiles"],
        ["django.contrib.sessions.apps.SessionsConfig", "django.contrib.contenttypes"],
        ["django.contrib.staticfiles", "django.contrib.sessions", "django.contrib.contenttypes"],
    ];

    public static IReadOnlyList<DeployVariant> Write(string directory, int count, ulong seed)
    {
        var random = new SplitMix(seed);
        var pools = Pools(random);
        var variants = new List<DeployVariant>(count);
        for (var i = 0; i < count; i++)
            variants.Add(WriteOne(directory, $"v{i:D4}", random, pools));
        return variants;
    }

    private static DeployVariant WriteOne(string directory, string name, SplitMix random, IReadOnlyList<(string Setting, Choice[] Choices)> pools)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var assignments = new List<(string Setting, string Code)>();
        foreach (var (setting, choices) in pools)
        {
            var choice = choices[random.Next(choices.Length)];
            if (choice.Code is null) continue;
            if (choice.EnvVar is { } var)
            {
                // Leave the variable missing a third of the time, unless the code would raise without it.
                if (choice.EnvRequired || random.Next(3) != 0) env[var] = choice.EnvValues![random.Next(choice.EnvValues.Length)];
                else env.Remove(var);
            }
            assignments.Add((setting, choice.Code));
        }
        assignments.Add(("MIDDLEWARE", Middleware(random)));
        if (random.Next(8) != 0) assignments.Add(("INSTALLED_APPS", PyList(AppSets[random.Next(AppSets.Length)])));
        // Shuffle assignment order so no setting always comes first.
        for (var i = assignments.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (assignments[i], assignments[j]) = (assignments[j], assignments[i]);
        }

        var root = Path.Combine(directory, name);
        Directory.CreateDirectory(Path.Combine(root, "proj"));
        File.WriteAllText(Path.Combine(root, "proj", "__init__.py"), "");
        File.WriteAllText(Path.Combine(root, "manage.py"),
            "import os\nimport sys\n\nif __name__ == \"__main__\":\n    os.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"proj.settings\")\n" +
            "    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n");
        string module;
        string layout;
        if (random.Next(2) == 0)
        {
            File.WriteAllText(Path.Combine(root, "proj", "settings.py"), Module(assignments));
            module = "proj.settings";
            layout = "single";
        }
        else
        {
            // Split: base holds some settings, production imports it and sets the rest, sometimes
            // overriding a base setting with another value from the same pool.
            var settingsDir = Path.Combine(root, "proj", "settings");
            Directory.CreateDirectory(settingsDir);
            File.WriteAllText(Path.Combine(settingsDir, "__init__.py"), "");
            var inBase = assignments.Where(_ => random.Next(2) == 0).ToList();
            var inProduction = assignments.Except(inBase).ToList();
            foreach (var (setting, choices) in pools)
            {
                if (inBase.All(a => a.Setting != setting) || random.Next(4) != 0) continue;
                var other = choices[random.Next(choices.Length)];
                if (other.Code is null || other.EnvVar is not null) continue;
                inProduction.Add((setting, other.Code));
            }
            File.WriteAllText(Path.Combine(settingsDir, "base.py"), Module(inBase));
            File.WriteAllText(Path.Combine(settingsDir, "production.py"), "from .base import *  # noqa: F403\n" + Module(inProduction));
            module = "proj.settings.production";
            layout = "split";
        }
        var description = $"{layout}; env {{{string.Join(", ", env.Select(e => $"{e.Key}={e.Value}"))}}}; " +
                          string.Join("; ", assignments.Select(a => $"{a.Setting} = {a.Code}"));
        return new DeployVariant(name, root, module, env, description);
    }

    private static string Module(IEnumerable<(string Setting, string Code)> assignments)
    {
        var text = new StringBuilder("import os\n\n");
        foreach (var (setting, code) in assignments) text.Append(setting).Append(" = ").Append(code).Append('\n');
        return text.ToString();
    }

    private static string Middleware(SplitMix random)
    {
        var all = new List<string> { SecurityMw, SessionMw, CsrfMw, XFrameMw };
        all.AddRange(OtherMiddleware);
        var chosen = all.Where(_ => random.Next(4) != 0).ToList();
        for (var i = chosen.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (chosen[i], chosen[j]) = (chosen[j], chosen[i]);
        }
        return random.Next(5) == 0 ? PyTuple(chosen) : PyList(chosen);
    }

    private static string PyList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    private static string PyTuple(IReadOnlyCollection<string> items) =>
        items.Count == 1 ? $"({Quote(items.First())},)" : "(" + string.Join(", ", items.Select(Quote)) + ")";

    private static string Quote(string s) => "\"" + s + "\"";

    private static IReadOnlyList<(string, Choice[])> Pools(SplitMix random)
    {
        var good = RandomKey(random, 50);
        var good2 = RandomKey(random, 64);
        var short49 = RandomKey(random, 49);
        // 49 ASCII characters and one astral character: 50 code points (enough for Python), 51 UTF-16 units.
        var astral = RandomKey(random, 49) + "\U0001F511";
        var astralShort = RandomKey(random, 48) + "\U0001F511";
        var fourDistinct = string.Concat(Enumerable.Repeat("abcd", 15));
        var fiveDistinct = string.Concat(Enumerable.Repeat("abcde", 12));
        var insecure = "django-insecure-" + RandomKey(random, 50);
        return
        [
            ("DEBUG", [Absent, Lit("False"), Lit("True"), Lit("\"False\""), Lit("0"), Lit("1"), Lit("\"\""),
                Env("os.environ.get(\"DJANGO_DEBUG\", \"\") == \"1\"", "DJANGO_DEBUG", "1", "0"),
                Env("os.environ.get(\"DJANGO_DEBUG\", \"True\") == \"True\"", "DJANGO_DEBUG", "False", "True")]),
            ("SECRET_KEY", [Absent, Lit(Quote(good)), Lit(Quote(good2)), Lit(Quote(short49)), Lit(Quote(astral)), Lit(Quote(astralShort)),
                Lit(Quote(fourDistinct)), Lit(Quote(fiveDistinct)), Lit(Quote(insecure)), Lit("\"\""),
                Env("os.environ.get(\"DJANGO_SECRET_KEY\", \"dev-key\")", "DJANGO_SECRET_KEY", good, short49, insecure),
                new Choice("os.environ[\"DJANGO_SECRET_KEY\"]", "DJANGO_SECRET_KEY", [good, fourDistinct], EnvRequired: true)]),
            ("SECRET_KEY_FALLBACKS", [Absent, Absent, Lit("[]"), Lit($"[{Quote(good2)}]"), Lit($"[{Quote(good)}, {Quote(short49)}]"),
                Lit($"[{Quote(insecure)}]"), Lit("(\"abc\",)")]),
            ("ALLOWED_HOSTS", [Absent, Lit("[]"), Lit("[\"shop.example.com\"]"), Lit("[\"*\"]"), Lit("()"), Lit("[\"\"]"), Lit("\"shop.example.com\""),
                Env("os.environ.get(\"DJANGO_ALLOWED_HOSTS\", \"\").split(\",\")", "DJANGO_ALLOWED_HOSTS", "a.example.com,b.example.com", "")]),
            ("SECURE_HSTS_SECONDS", [Absent, Lit("0"), Lit("3600"), Lit("31536000"), Lit("\"0\""), Lit("None"),
                Env("int(os.environ.get(\"DJANGO_HSTS_SECONDS\", \"0\"))", "DJANGO_HSTS_SECONDS", "0", "60")]),
            ("SECURE_HSTS_INCLUDE_SUBDOMAINS", [Absent, Lit("True"), Lit("False"), Lit("1"), Lit("\"True\"")]),
            ("SECURE_HSTS_PRELOAD", [Absent, Lit("True"), Lit("False"), Lit("1"), Lit("\"True\"")]),
            ("SECURE_SSL_REDIRECT", [Absent, Lit("True"), Lit("False"), Lit("1"), Lit("\"True\""),
                Env("os.environ.get(\"DJANGO_SSL_REDIRECT\", \"True\") == \"True\"", "DJANGO_SSL_REDIRECT", "True", "False"),
                Env("os.environ.get(\"DJANGO_SSL_REDIRECT\", \"True\")", "DJANGO_SSL_REDIRECT", "True")]),
            ("SECURE_CONTENT_TYPE_NOSNIFF", [Absent, Absent, Lit("True"), Lit("False"), Lit("1")]),
            ("X_FRAME_OPTIONS", [Absent, Lit("\"DENY\""), Lit("\"SAMEORIGIN\""), Lit("\"deny\"")]),
            ("SECURE_REFERRER_POLICY", [Absent, Lit("None"), Lit("\"same-origin\""), Lit("\"no-referrer, strict-origin\""),
                Lit("\"bogus\""), Lit("\"\""), Lit("[\"origin\", \"unsafe-url\"]"), Lit("(\"same-origin\", \"nope\")"), Lit("[]"),
                Lit("[\" origin\"]")]),
            ("SECURE_CROSS_ORIGIN_OPENER_POLICY", [Absent, Lit("None"), Lit("\"same-origin\""), Lit("\"same_origin\""),
                Lit("\"unsafe-none\""), Lit("\"\""), Lit("\"same-origin-allow-popups\"")]),
            ("SESSION_COOKIE_SECURE", [Absent, Lit("True"), Lit("False"), Lit("1"), Lit("\"True\""), Lit("\"\""),
                Env("os.environ.get(\"DJANGO_SECURE_COOKIES\", \"\") == \"1\"", "DJANGO_SECURE_COOKIES", "1", "0")]),
            ("SESSION_COOKIE_HTTPONLY", [Absent, Absent, Lit("True"), Lit("False"), Lit("1"), Lit("\"yes\"")]),
            ("CSRF_COOKIE_SECURE", [Absent, Lit("True"), Lit("False"), Lit("1"), Lit("\"True\""),
                Env("os.environ.get(\"DJANGO_SECURE_COOKIES\", \"\") == \"1\"", "DJANGO_SECURE_COOKIES", "1", "0")]),
            ("CSRF_USE_SESSIONS", [Absent, Absent, Lit("True"), Lit("False"), Lit("1")]),
            ("CSRF_TRUSTED_ORIGINS", [Absent, Lit("[]"), Lit("[\"https://shop.example.com\"]"), Lit("[\"shop.example.com\"]"),
                Lit("[\"https://*.example.com\", \"http://cdn.example.com\"]"), Lit("\"https://a.example.com\""),
                Lit("[\".example.com\"]"),
                Env("os.environ.get(\"DJANGO_TRUSTED\", \"https://a.example.com\").split(\",\")", "DJANGO_TRUSTED", "https://b.example.com", "a.example.com,https://b.example.com")]),
            // Django 6.0/6.1: policy shapes (E026), a nonce (W027 with the CSP middleware), MAILERS (E001, W001).
            ("SECURE_CSP", [Absent, Absent, Absent, Lit("None"), Lit("{}"), Lit("{\"default-src\": [\"'self'\"]}"), Lit("\"default-src 'self'\""),
                Lit("[]"), Lit("{\"script-src\": [\"'self'\", \"<CSP_NONCE_SENTINEL>\"]}"), Lit("{\"script-src\": \"'self' <CSP_NONCE_SENTINEL>\"}")]),
            ("TEMPLATES", [Absent, Absent, Lit("[{\"BACKEND\": \"django.template.backends.django.DjangoTemplates\", \"OPTIONS\": {\"context_processors\": [\"django.template.context_processors.csp\"]}}]")]),
            ("MAILERS", [Absent, Absent, Absent, Absent, Lit("{\"default\": {\"BACKEND\": \"django.core.mail.backends.console.EmailBackend\"}}"),
                Lit("{\"default\": {\"BACKEND\": \"django.core.mail.backends.smtp.EmailBackend\"}}"), Lit("{\"smtp\": {}}"), Lit("{}"), Lit("{\"default\": {}}")]),
            ("CACHES", [Absent, Absent, Lit("{\"default\": {\"BACKEND\": \"django.core.cache.backends.filebased.FileBasedCache\", \"LOCATION\": \"django_cache\"}}"),
                Lit("{\"default\": {\"BACKEND\": \"django.core.cache.backends.filebased.FileBasedCache\", \"LOCATION\": \"/var/tmp/django_cache\"}}")]),
        ];
    }

    private static string RandomKey(SplitMix random, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#%^&*(-_=+)";
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    /// <summary>SplitMix64: a tiny PRNG whose sequence is fixed by its seed on every platform and runtime.</summary>
    private sealed class SplitMix(ulong state)
    {
        public int Next(int bound)
        {
            state += 0x9E3779B97F4A7C15;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }
}
