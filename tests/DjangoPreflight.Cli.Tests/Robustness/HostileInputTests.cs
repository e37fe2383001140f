using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary>Inputs built to break a scanner: each must end quickly with a report, a notice or a
/// parse error, never an exception or a hang.</summary>
public class HostileInputTests
{
    private static TempDirectory Project(string settings)
    {
        var temp = new TempDirectory("dp-hostile");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        temp.Write("h/settings.py", settings);
        return temp;
    }

    [Fact]
    public void HundredThousandNestedBracketsAreAParseError()
    {
        using var temp = Project("DEBUG = False\nX = " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        var report = InProcessScan.Run(temp.Path);
        InProcessScan.AssertNoRuleFailed(report);
        Assert.Contains(report.Summary.ParseErrors, e => e.Path == "h/settings.py");
    }

    [Fact]
    public void AFileOverTheSizeBoundIsSkippedWithANotice()
    {
        using var temp = Project("DEBUG = False\n");
        temp.Write("h/huge.py", "X = 1\n" + new string('#', 5 * 1024 * 1024));
        var report = InProcessScan.Run(temp.Path);
        Assert.Contains(report.Summary.Notices, n => n.StartsWith("h/huge.py: skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void BinaryAndInvalidUtf8FilesDoNotStopTheScan()
    {
        using var temp = Project("DEBUG = True\n");
        File.WriteAllBytes(temp.Write("h/views.py", ""), [0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3, 0x28, 0x0a]);
        File.WriteAllBytes(temp.Write("h/logo.png", ""), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
        File.WriteAllBytes(temp.Write("h/urls.py", ""), "urlpatterns = ['caf\xe9']\n"u8.ToArray().Concat(new byte[] { 0xe9, 0x0a }).ToArray());
        var report = InProcessScan.Run(temp.Path);
        InProcessScan.AssertNoRuleFailed(report);
        Assert.Contains(report.Findings, f => f.RuleId == "DP201");
    }

    [Fact]
    public void SymlinkLoopsAndLinksOutOfTheProjectAreNotFollowed()
    {
        using var temp = Project("DEBUG = False\n");
        Directory.CreateSymbolicLink(Path.Combine(temp.Path, "h", "loop"), Path.Combine(temp.Path, "h"));
        File.CreateSymbolicLink(Path.Combine(temp.Path, "h", "self.py"), Path.Combine(temp.Path, "h", "self.py"));
        File.CreateSymbolicLink(Path.Combine(temp.Path, "h", "passwd.py"), "/etc/passwd");
        var report = InProcessScan.Run(temp.Path, TimeSpan.FromSeconds(30));
        InProcessScan.AssertNoRuleFailed(report);
        Assert.Contains(report.Summary.Notices, n => n.StartsWith("h/passwd.py: skipped", StringComparison.Ordinal));
        Assert.Contains(report.Summary.Notices, n => n.StartsWith("h/self.py: skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void ANamedPipeDoesNotBlockTheScan()
    {
        using var temp = Project("DEBUG = False\n");
        var fifo = ProcessRunner.Run("mkfifo", [Path.Combine(temp.Path, "h", "local_settings.py")]);
        Assert.Equal(0, fifo.ExitCode);
        var report = InProcessScan.Run(temp.Path, TimeSpan.FromSeconds(30));
        InProcessScan.AssertNoRuleFailed(report);
    }

    [Fact]
    public void UnreadableFilesAreReportedAndTheScanGoesOn()
    {
        // Root reads everything, so the binary runs as 'nobody' over a world-readable copy in which
        // one file and one folder are closed to it.
        using var temp = Project("DEBUG = True\n");
        temp.Write("h/secret_settings.py", "SECRET_KEY = 'x'\n");
        temp.Write("private/notes.py", "X = 1\n");
        ProcessRunner.Run("chmod", ["-R", "a+rX", temp.Path]);
        ProcessRunner.Run("chmod", ["000", Path.Combine(temp.Path, "h", "secret_settings.py"), Path.Combine(temp.Path, "private")]);
        var result = ProcessRunner.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups",
            RepoPaths.CliBinary, "scan", temp.Path, "--no-history", "--select", "DP201", "--format", "json"],
            environment: new Dictionary<string, string?> { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" });
        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Contains("h/secret_settings.py: unreadable", result.Stdout);
        Assert.Contains("private: directory unreadable", result.Stdout);
        Assert.Contains("\"DP201\"", result.Stdout);
    }

    [Fact]
    public void AnEmptyRepositoryIsScannedWithANotice()
    {
        using var temp = Project("DEBUG = False\n");
        Assert.Equal(0, ProcessRunner.Run("git", ["init", "-q"], workingDirectory: temp.Path).ExitCode);
        var report = InProcessScan.Run(temp.Path, options: new Analysis.Project.ScanOptions());
        InProcessScan.AssertNoRuleFailed(report);
    }
    [Fact]
    public void InputsBuiltAgainstBacktrackingPatternsAreReadInLinearTime()
    {
        // Each file is the worst case of a pattern or a loop that once took time quadratic (or worse)
        // in its size: minutes to hours. Read in linear time, the whole scan takes seconds.
        using var temp = Project("DEBUG = False\n");
        var blank = new string('\n', 1_000_000);
        temp.Write("h/blank.py", "X = 1" + blank + "Y = 2\n");                 // ^\s* of the CSP-header search, line after line
        temp.Write("deploy/nginx/blank.conf", blank + "events {}\n");          // ^\s* of the nginx block detection
        temp.Write("requirements.txt", string.Concat(Enumerable.Repeat("a \\\n", 400_000)) + "django\n"); // joined continuations
        temp.Write("gunicorn.conf.py", "bind = x" + new string(' ', 1_000_000) + "y\n"); // (.+?)\s*(#.*)?$
        temp.Write(".github/workflows/ci.yml", "run: " + string.Concat(Enumerable.Repeat("check ", 200_000)) + "\n"); // check[^\n]*\s--deploy
        temp.Write("scripts/run.txt", new string('a', 1_000_000) + "\n");
        // An include glob of twenty stars against names of forty letters: exponential for a backtracking engine.
        temp.Write("deploy/nginx/nginx.conf", "http {\n  include conf.d/" + string.Concat(Enumerable.Repeat("a*", 20)) + "b;\n}\n");
        for (var i = 0; i < 5; i++) temp.Write($"deploy/nginx/conf.d/{new string('a', 40 + i)}", "server { listen 80; }\n");
        // The source-generated backtracking patterns' worst cases (LinearPatternsTests lists them): many
        // starts before one long run each could rescan, and runs that end without what must follow.
        temp.Write("deploy/prod.env", "DATABASE_URL=" + string.Concat(Enumerable.Repeat("redis+", 50_000)) + "postgres://" + new string('u', 300_000) + ":" + new string('p', 300_000) + "\n"
            + "TOKEN='" + string.Concat(Enumerable.Repeat("github_pat_", 30_000)) + "'\n"
            + "KEY=\"" + new string('k', 300_000) + "\n"
            + "HOSTS=" + string.Concat(Enumerable.Repeat("192.168.1.", 30_000)) + "\n");
        temp.Write("Procfile", "web: python -m" + new string(' ', 300_000) + "x --worker-class" + new string(' ', 300_000) + "\n"
            + "release: python manage.py migrate --settings=" + new string('s', 300_000) + " --reload" + new string(' ', 300_000) + "\n");
        var report = InProcessScan.Run(temp.Path, TimeSpan.FromSeconds(120));
        InProcessScan.AssertNoRuleFailed(report);
        Assert.DoesNotContain(report.Summary.ParseErrors, e => e.Path == "requirements.txt");
    }
}
