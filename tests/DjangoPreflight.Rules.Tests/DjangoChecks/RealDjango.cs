using System.Diagnostics;
using System.Text.Json;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>One real Django release the differential tests run: the Debian suite it comes from, the
/// interpreter that runs it and the PYTHONPATH that puts it first ("" for bookworm's installed one).</summary>
public sealed record DjangoRelease(string Suite, string Series, string Python, string PythonPath)
{
    public override string ToString() => $"Django {Series} ({(Suite.Length == 0 ? "bookworm" : Suite)})";
}

/// <summary>The real Django releases the differential tests run: Debian bookworm's installed 3.2, and
/// 4.2 (trixie), 5.2 (sid) and 6.1 (experimental, under trixie's Python 3.13) that
/// scripts/install-django-releases unpacks into artifacts/django before any test runs.</summary>
public static class RealDjango
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Debian suites whose python3-django we run, beside the installed one ("" = the installed one).</summary>
    public static readonly string[] Suites = ["", "trixie", "sid", "experimental"];

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestDirectory => Path.Combine(RepoRoot, "tests", "DjangoPreflight.Rules.Tests", "DjangoChecks");

    private static string Installed => Path.Combine(RepoRoot, "artifacts", "django");

    /// <summary>The release of a suite; fails with what to run when scripts/test has not installed it.</summary>
    public static DjangoRelease Release(string suite)
    {
        var series = suite switch { "" => "3.2", "trixie" => "4.2", "sid" => "5.2", "experimental" => "6.1", _ => throw new ArgumentException(suite) };
        if (suite.Length == 0)
        {
            TestSupport.PythonModules.Require("django");
            return new DjangoRelease(suite, series, Python, "");
        }
        var site = Path.Combine(Installed, suite, "usr", "lib", "python3", "dist-packages");
        var python = suite == "experimental" ? Path.Combine(Installed, "python3.13", "python") : Python;
        if (!File.Exists(Path.Combine(Installed, suite, "ok")) || !File.Exists(python))
            throw new InvalidOperationException($"Django from Debian {suite} is not installed in {Installed}: run scripts/test (or scripts/install-django-releases) first");
        return new DjangoRelease(suite, series, python, site);
    }

    /// <summary>Runs <c>check --deploy</c> on every variant with one driver process.</summary>
    public static (string Version, IReadOnlyDictionary<string, DriverResult> Results) CheckDeploy(string suite, IReadOnlyList<DeployVariant> variants, string workDir)
    {
        var release = Release(suite);
        var input = Path.Combine(workDir, $"variants-{(suite.Length == 0 ? "installed" : suite)}.json");
        using (var stream = File.Create(input))
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var v in variants)
            {
                json.WriteStartObject();
                json.WriteString("name", v.Name);
                json.WriteString("root", v.Root);
                json.WriteString("settings", v.SettingsModule);
                json.WriteStartObject("env");
                foreach (var (key, value) in v.Env) json.WriteString(key, value);
                json.WriteEndObject();
                json.WriteStartArray("values");
                foreach (var name in v.Values ?? []) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        var (exit, stdout, stderr) = Run(release.Python, [Path.Combine(TestDirectory, "deploy_check_driver.py"), input],
            new Dictionary<string, string> { ["PYTHONPATH"] = release.PythonPath });
        if (exit != 0) throw new InvalidOperationException($"driver failed ({exit}): {stderr}");
        var results = new Dictionary<string, DriverResult>(StringComparer.Ordinal);
        string? version = null;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("django", out var v))
            {
                version = v.GetString();
                continue;
            }
            var ids = root.GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList();
            var values = root.TryGetProperty("values", out var vs)
                ? vs.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : null)
                : [];
            results[root.GetProperty("name").GetString()!] = new DriverResult(ids, Text(root, "error"), Text(root, "startup")) { Values = values };
        }
        if (version is null) throw new InvalidOperationException("driver printed no Django version");
        if (!version.StartsWith(release.Series + ".", StringComparison.Ordinal))
            throw new InvalidOperationException($"{release} is Django {version}: artifacts/django is stale, delete it and rerun scripts/test");
        return (version, results);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? cwd = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cwd is not null) start.WorkingDirectory = cwd;
        foreach (var a in args) start.ArgumentList.Add(a);
        // Imports of repository files must not leave __pycache__ beside them for concurrent tests to trip on.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        if (env is not null)
            foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (DjangoPreflight.slnx) not found");
    }
}

/// <summary>What the real Django did with one variant: the check IDs it reported, or the message it
/// refused to start with (<see cref="Startup"/>: loading the settings raised), or how its checks crashed.</summary>
public sealed record DriverResult(IReadOnlyList<string> Ids, string? Error, string? Startup = null)
{
    /// <summary>repr() of the settings the variant asked for (null: Django has no such setting).</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();
}
