using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

public class SarifReportWriterTests
{
    private static string Write(DjangoPreflight.Core.ScanReport report)
    {
        var o = new StringWriter();
        new SarifReportWriter().Write(report, o, RenderOptions.Plain);
        return o.ToString();
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("probe")]
    public void IsValidAgainstTheSarifSchema(string kind)
    {
        using var temp = new TempDirectory();
        var log = temp.Write("report.sarif", Write(kind == "scan" ? SampleReports.Scan() : SampleReports.Probe()));
        var schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "sarif-2.1.0.json");
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
        var result = ProcessRunner.Run(ProcessRunner.Python,
            ["-c", "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))", log, schema]);
        Assert.NotEqual(0, result.ExitCode);
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
    }
}
