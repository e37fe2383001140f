using System.Text.Json;
using DjangoPreflight.Cli;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>A scan of a copy of examples/insecure-shop where each kind of suppression hides one
/// finding: SARIF keeps every hidden finding as a suppressed result (GitHub code scanning then shows
/// it as suppressed, not fixed), with the suppression's kind and what hid it, carries the summary's
/// notices as tool execution notifications, and still passes the SARIF Multitool.</summary>
public sealed class SarifSuppressionTests
{
    private const string DebugLine = "DEBUG = os.environ.get(\"DJANGO_DEBUG\", \"True\").lower() in (\"1\", \"true\", \"yes\")";

    [Fact]
    public void SuppressedFindingsAreResultsWithTheirSuppressionAndNoticesAreNotifications()
    {
        using var temp = new TempDirectory("dp-sarif-suppressions");
        var shop = temp.CopyFrom(RepoPaths.Examples("insecure-shop"), "shop");
        string PathOf(string relative) => Path.Combine(shop, relative);
        void Replace(string file, string line, string replacement)
        {
            var text = File.ReadAllText(PathOf(file));
            Assert.Contains(line, text);
            File.WriteAllText(PathOf(file), text.Replace(line, replacement));
        }
        // An inline comment (DP201), SILENCED_SYSTEM_CHECKS (DP402 mirrors security.W019), per-path-ignores
        // (DP108 in dev.py) and a baseline holding DP207.
        Replace("shop/settings/base.py", DebugLine, DebugLine + "  # preflight: ignore[DP201]");
        File.AppendAllText(PathOf("shop/settings/production.py"), "\nSILENCED_SYSTEM_CHECKS = [\"security.W019\"]\n");
        var silencedLine = File.ReadAllLines(PathOf("shop/settings/production.py")).Length;
        File.WriteAllText(PathOf("pyproject.toml"), "[tool.django-preflight.per-path-ignores]\n\"shop/settings/dev.py\" = [\"DP108\"]\n");
        var baseline = Path.Combine(temp.Path, "baseline.json");
        string[] common = ["--no-history", "--env-file", PathOf("deploy/production.env")];
        Assert.Equal(0, CliApp.Run(["baseline", shop, .. common, "--select", "DP207", "--output", baseline], new StringWriter(), new StringWriter()));
        var file = Path.Combine(temp.Path, "report.sarif");
        var stderr = new StringWriter();
        Assert.Equal(1, CliApp.Run(["scan", shop, .. common, "--baseline", baseline, "--format", "sarif", "--output", file], new StringWriter(), stderr));

        using var sarif = JsonDocument.Parse(File.ReadAllText(file));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var suppressed = run.GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("suppressions", out _))
            .Select(r =>
            {
                var s = r.GetProperty("suppressions")[0];
                var where = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                return $"{r.GetProperty("ruleId").GetString()} {where.GetProperty("artifactLocation").GetProperty("uri").GetString()}:{where.GetProperty("region").GetProperty("startLine").GetInt32()} " +
                       $"{s.GetProperty("kind").GetString()} {s.GetProperty("status").GetString()}: {s.GetProperty("justification").GetString()}";
            })
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "DP108 shop/settings/dev.py:15 external accepted: per-path-ignores in " + PathOf("pyproject.toml") + ":2: \"shop/settings/dev.py\" = [DP108]",
            "DP201 shop/settings/base.py:14 inSource accepted: # preflight: ignore[DP201] comment on shop/settings/base.py:14:1",
            "DP207 shop/urls.py:16 external accepted: accepted in the baseline " + baseline,
            $"DP402 shop/settings/base.py:119 inSource accepted: SILENCED_SYSTEM_CHECKS (shop/settings/production.py:{silencedLine}:1) silences security.W019",
        ], suppressed);
        // The shown results are exactly the ones without a suppression: none of these four.
        var shown = run.GetProperty("results").EnumerateArray().Where(r => !r.TryGetProperty("suppressions", out _)).Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.DoesNotContain("DP201", shown);
        Assert.DoesNotContain("DP207", shown);
        Assert.Contains("DP202", shown);

        var invocation = Assert.Single(run.GetProperty("invocations").EnumerateArray());
        Assert.True(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notes = invocation.GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(n => $"{n.GetProperty("level").GetString()}: {n.GetProperty("message").GetProperty("text").GetString()}").ToList();
        Assert.Contains("note: 1 finding suppressed by `# preflight: ignore` comments", notes);
        Assert.Contains($"note: 1 finding hidden by the baseline {baseline}", notes);
        Assert.Contains($"note: 1 finding hidden by per-path-ignores in {PathOf("pyproject.toml")}", notes);
        Assert.Contains(notes, n => n.StartsWith("note: 1 finding hidden because SILENCED_SYSTEM_CHECKS", StringComparison.Ordinal));

        Assert.Empty(SarifMultitool.Validate(file));
    }

    [Fact]
    public void ParseErrorsAreWarningNotificationsAtTheirFileAndLine()
    {
        var report = SampleReports.Scan();
        using var sarif = JsonDocument.Parse(WriterOutput.Of(new SarifReportWriter(), report));
        var notifications = sarif.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray().ToList();
        var parse = Assert.Single(notifications, n => n.GetProperty("level").GetString() == "warning");
        Assert.Equal("legacy/old.py:3: invalid syntax", parse.GetProperty("message").GetProperty("text").GetString());
        var where = parse.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("legacy/old.py", where.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(3, where.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Contains(notifications, n => n.GetProperty("message").GetProperty("text").GetString() == "Could not resolve: CACHES");
        Assert.Contains(notifications, n => n.GetProperty("message").GetProperty("text").GetString() == "history scan skipped (--no-history)");
    }
}
