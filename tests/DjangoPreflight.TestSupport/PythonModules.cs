using System.Collections.Concurrent;

namespace DjangoPreflight.TestSupport;

/// <summary>The modules of Debian's python3 a test needs, checked up front: a missing one fails the
/// test at once with the Debian package that provides it, instead of a Python traceback from deep
/// inside a child process. scripts/test installs every one of them before the tests run.</summary>
public static class PythonModules
{
    /// <summary>The examples' imports when Django loads their settings and apps (manage.py check,
    /// migrate, runserver, gunicorn).</summary>
    public static readonly string[] Examples = ["django", "rest_framework", "psycopg2", "django_redis", "argon2"];

    private static readonly Dictionary<string, string> DebianPackages = new(StringComparer.Ordinal)
    {
        ["django"] = "python3-django",
        ["rest_framework"] = "python3-djangorestframework",
        ["psycopg2"] = "python3-psycopg2",
        ["django_redis"] = "python3-django-redis",
        ["argon2"] = "python3-argon2",
        ["decouple"] = "python3-decouple",
        ["environ"] = "python3-django-environ",
        ["dj_database_url"] = "python3-dj-database-url",
        ["jsonschema"] = "python3-jsonschema",
        ["junitparser"] = "python3-junitparser",
        ["gunicorn"] = "gunicorn",
        ["split_settings"] = "python3-django-split-settings",
    };

    private static readonly ConcurrentDictionary<string, bool> Importable = new(StringComparer.Ordinal);

    /// <summary>Throws, naming the Debian packages to install, unless /usr/bin/python3 imports every one of
    /// <paramref name="modules"/>. Each module is tried once per test run.</summary>
    public static void Require(params string[] modules)
    {
        var missing = modules.Where(m => !Importable.GetOrAdd(m, Imports)).ToList();
        if (missing.Count == 0) return;
        var packages = missing.Select(m => DebianPackages.GetValueOrDefault(m, $"the package providing '{m}'"));
        throw new InvalidOperationException(
            $"{ProcessRunner.Python} cannot import {string.Join(", ", missing)}: install {string.Join(", ", packages)} " +
            "(scripts/test installs every test dependency before the tests run)");
    }

    private static bool Imports(string module) =>
        ProcessRunner.Run(ProcessRunner.Python, ["-c", $"import {module}"], timeout: TimeSpan.FromMinutes(1)).ExitCode == 0;
}
