using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>The real Django releases the differential tests run: Debian bookworm's installed 3.2, and
/// newer releases from trixie and sid fetched once into artifacts/django (see fetch_django.sh).</summary>
public static class RealDjango
{
    public const string Python = "/usr/bin/python3";

    /// <summary>Debian suites whose python3-django we fetch, beside the installed one ("" = the installed one).</summary>
    public static readonly string[] Suites = ["", "trixie", "sid"];

    private static readonly Lazy<string> Fetched = new(FetchNewer);

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestDirectory => Path.Combine(RepoRoot, "tests", "DjangoPreflight.Rules.Tests", "DjangoChecks");

    /// <summary>PYTHONPATH putting the suite's Django first ("" for the installed one).</summary>
    public static string PythonPath(string suite)
    {
        if (suite.Length == 0) return "";
        var dir = Path.Combine(Fetched.Value, suite, "usr", "lib", "python3", "dist-packages");
        if (!Directory.Exists(Path.Combine(dir, "django")))
            throw new InvalidOperationException($"Django from Debian {suite} is missing in {dir}");
        return dir;
    }

    /// <summary>Runs <c>check --deploy</c> on every variant with one driver process.</summary>
    public static (string Version, IReadOnlyDictionary<string, DriverResult> Results) CheckDeploy(string suite, IReadOnlyList<DeployVariant> variants, string workDir)
    {
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
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        var (exit, stdout, stderr) = Run(Python, [Path.Combine(TestDirectory, "deploy_check_driver.py"), input],
            new Dictionary<string, string> { ["PYTHONPATH"] = PythonPath(suite) });
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
            var error = root.GetProperty("error").ValueKind == JsonValueKind.Null ? null : root.GetProperty("error").GetString();
            results[root.GetProperty("name").GetString()!] = new DriverResult(ids, error);
        }
        return (version ?? throw new InvalidOperationException("driver printed no Django version"), results);
    }

    public static (int Exit, string Stdout, string Stderr) Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? cwd = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cwd is not null) start.WorkingDirectory = cwd;
        foreach (var a in args) start.ArgumentList.Add(a);
        if (env is not null)
            foreach (var (k, v) in env) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string FetchNewer()
    {
        var dest = Path.Combine(RepoRoot, "artifacts", "django");
        var suites = Suites.Where(s => s.Length > 0).ToList();
        if (suites.All(s => File.Exists(Path.Combine(dest, s, "ok")))) return dest;
        var (exit, stdout, stderr) = Run("bash", [Path.Combine(TestDirectory, "fetch_django.sh"), dest, .. suites]);
        if (exit != 0) throw new InvalidOperationException($"fetching Django from Debian failed ({exit}): {stdout}{stderr}");
        return dest;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root (DjangoPreflight.slnx) not found");
    }
}

public sealed record DriverResult(IReadOnlyList<string> Ids, string? Error);
