using System.Text.Json;
using DjangoPreflight.Core;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

public class SarifReportWriterTests
{
    private static string Write(ScanReport report) => WriterOutput.Of(new SarifReportWriter(), report);

    private static JsonElement Run(JsonDocument doc) => doc.RootElement.GetProperty("runs")[0];

    private static JsonElement Rule(JsonDocument doc, string id) =>
        Run(doc).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    private static JsonElement Location(JsonElement result) => result.GetProperty("locations")[0].GetProperty("physicalLocation");

    [Theory]
    [InlineData("scan")]
    [InlineData("probe")]
    public void IsValidAgainstTheSarifSchema(string kind)
    {
        using var temp = new TempDirectory();
        var log = temp.Write("report.sarif", Write(kind == "scan" ? SampleReports.Scan() : SampleReports.Probe()));
        var schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0.json");
        PythonModules.Require("jsonschema");
        var result = ProcessRunner.Run(ProcessRunner.Python,
            ["-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')", log, schema]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("valid", result.Stdout.Trim());
    }

    [Fact]
    public void SchemaValidationCanFail()
    {
        using var temp = new TempDirectory();
        var log = temp.Write("bad.sarif", Write(SampleReports.Scan()).Replace("\"level\": \"error\"", "\"level\": \"catastrophic\""));
        var schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0.json");
        PythonModules.Require("jsonschema");
        var result = ProcessRunner.Run(ProcessRunner.Python,
            ["-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))", log, schema]);
        Assert.NotEqual(0, result.ExitCode);
    }

    [Fact]
    public void ACutShortScanIsNotASuccessfulExecutionAndSaysWhyAtErrorLevel()
    {
        // SARIF's sign of an incomplete result set: executionSuccessful false, and an error-level
        // notification (the other notices stay notes).
        using var cut = JsonDocument.Parse(Write(SampleReports.CutShort()));
        var invocation = Run(cut).GetProperty("invocations")[0];
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notes = invocation.GetProperty("toolExecutionNotifications").EnumerateArray()
            .Select(n => (Level: n.GetProperty("level").GetString(), Text: n.GetProperty("message").GetProperty("text").GetString())).ToList();
        Assert.Contains(("error", SampleReports.CutShortNotice), notes);
        Assert.Contains(("note", "history scan skipped (--no-history)"), notes);
        Assert.Single(notes, n => n.Level == "error");

        using var whole = JsonDocument.Parse(Write(SampleReports.Scan()));
        var complete = Run(whole).GetProperty("invocations")[0];
        Assert.True(complete.GetProperty("executionSuccessful").GetBoolean());
        Assert.DoesNotContain(complete.GetProperty("toolExecutionNotifications").EnumerateArray(), n => n.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public void ResultsPointAtTheirRulesAndKeepSeverityAndConfidence()
    {
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan()));
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(["DP201", "DP204", "DP601"], rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["error", "error", "note"], results.Select(r => r.GetProperty("level").GetString()));
        foreach (var r in results)
            Assert.Equal(r.GetProperty("ruleId").GetString(), rules[r.GetProperty("ruleIndex").GetInt32()]);
        var first = results[0];
        Assert.Equal("shop/settings/base.py", first.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(12, first.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("security.W018", first.GetProperty("properties").GetProperty("django_id").GetString());
        Assert.Equal("low", results[1].GetProperty("properties").GetProperty("confidence").GetString());
        Assert.Equal("DJANGO_SECRET_KEY (SECRET_KEY): without it, shop/settings.py:7 raises ImproperlyConfigured",
            run.GetProperty("properties").GetProperty("required_env")[0].GetString());
    }

    [Fact]
    public void RulesCarryTheirDocumentationAsHelp()
    {
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan()));
        var debug = Rule(doc, "DP201");
        Assert.Equal("DebugIsOnInProduction", debug.GetProperty("name").GetString());
        Assert.Equal("DEBUG is on in production", debug.GetProperty("shortDescription").GetProperty("text").GetString());
        Assert.Equal("Error pages leak source and settings.", debug.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("Why it matters\nError pages leak source and settings.\n\nHow to fix\nSet DEBUG = False.\n\nBefore\nDEBUG = True\n\nAfter\nDEBUG = False",
            debug.GetProperty("help").GetProperty("text").GetString());
        Assert.Equal("**Why it matters.**\nError pages leak source and settings.\n\n**How to fix.**\nSet DEBUG = False.\n\nBefore:\n```\nDEBUG = True\n```\n\nAfter:\n```\nDEBUG = False\n```",
            debug.GetProperty("help").GetProperty("markdown").GetString());
        Assert.Equal("error", debug.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        var properties = debug.GetProperty("properties");
        Assert.Equal(["security", "disclosure", "security.W018"], properties.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("disclosure", properties.GetProperty("category").GetString());
        Assert.Equal("security.W018", properties.GetProperty("django_id").GetString());
        Assert.Equal("9.5", properties.GetProperty("security-severity").GetString());
        Assert.Equal("8.0", Rule(doc, "DP204").GetProperty("properties").GetProperty("security-severity").GetString());
        Assert.False(Rule(doc, "DP204").GetProperty("properties").TryGetProperty("django_id", out _));
    }

    [Fact]
    public void MarkdownHelpRendersProseAsTheSameWords()
    {
        // The help's Markdown escapes what would turn into emphasis or HTML; its text does not.
        var rule = new RuleDescriptor("DP499", "Wildcard hosts", Category.Browser, Severity.Low, [], [],
            new RuleDocs("Matches *any* host <script>.", "List hosts.", "ALLOWED_HOSTS = [\"*\"]", "ALLOWED_HOSTS = [\"shop.example.com\"]"));
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan() with { Rules = [rule] }));
        var help = Rule(doc, "DP499").GetProperty("help");
        Assert.StartsWith("**Why it matters.**\nMatches \\*any\\* host \\<script>.\n\n", help.GetProperty("markdown").GetString());
        Assert.Contains("Before:\n```\nALLOWED_HOSTS = [\"*\"]\n```", help.GetProperty("markdown").GetString());
        Assert.StartsWith("Why it matters\nMatches *any* host <script>.\n\n", help.GetProperty("text").GetString());
    }

    [Fact]
    public void ARuleNotListedAsRunIsStillDescribed()
    {
        // DP601 has a finding but no descriptor in the report: its category comes from its ID range.
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan()));
        var rule = Rule(doc, "DP601");
        Assert.Equal("operations", rule.GetProperty("properties").GetProperty("category").GetString());
        Assert.Equal("STATIC_ROOT is not set", rule.GetProperty("fullDescription").GetProperty("text").GetString());
        Assert.Equal("StaticRootIsNotSet", rule.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("X_FRAME_OPTIONS is not DENY", "XFrameOptionsIsNotDeny")]
    [InlineData("Django's admin is at /admin/", "DjangosAdminIsAtAdmin")]
    [InlineData("HSTS max-age is under one year", "HstsMaxAgeIsUnderOneYear")]
    public void RuleNamesArePascalCase(string title, string name)
    {
        var rule = new RuleDescriptor("DP499", title, Category.Browser, Severity.Low, [], [], new RuleDocs("", "", "", ""));
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan() with { Rules = [rule] }));
        Assert.Equal(name, Rule(doc, "DP499").GetProperty("name").GetString());
    }

    [Fact]
    public void FileLocationsAreRelativeToTheScannedRoot()
    {
        var sample = SampleReports.Scan();
        var spaced = sample.Findings[0] with { Location = new SourceLocation("deploy/my app/prod settings.py", 4) };
        using var doc = JsonDocument.Parse(Write(sample with { Findings = [.. sample.Findings, spaced] }));
        var root = Run(doc).GetProperty("originalUriBaseIds").GetProperty("%SRCROOT%").GetProperty("uri").GetString()!;
        Assert.Equal(new Uri(Path.GetFullPath("examples/shop") + "/").AbsoluteUri, root);
        Assert.StartsWith("file:///", root);
        Assert.EndsWith("/examples/shop/", root);
        var results = Run(doc).GetProperty("results").EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal("%SRCROOT%", Location(r).GetProperty("artifactLocation").GetProperty("uriBaseId").GetString()));
        Assert.Equal("deploy/my%20app/prod%20settings.py", Location(results[3]).GetProperty("artifactLocation").GetProperty("uri").GetString());
        // A finding about a whole file is placed on its first line, without a column.
        var wholeFile = Location(results[2]);
        Assert.Equal("shop/settings/production.py", wholeFile.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(1, wholeFile.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.False(wholeFile.GetProperty("region").TryGetProperty("startColumn", out _));
    }

    [Fact]
    public void ProbeResultsAreLocatedByUrl()
    {
        using var doc = JsonDocument.Parse(Write(SampleReports.Probe()));
        Assert.False(Run(doc).TryGetProperty("originalUriBaseIds", out _));
        var location = Location(Run(doc).GetProperty("results")[0]);
        Assert.Equal("https://shop.example.com/", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.False(location.GetProperty("artifactLocation").TryGetProperty("uriBaseId", out _));
        Assert.Equal("C+", Run(doc).GetProperty("properties").GetProperty("grade").GetString());
    }
}
