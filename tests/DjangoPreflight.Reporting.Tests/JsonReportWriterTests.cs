using System.Text.Json;

namespace DjangoPreflight.Reporting.Tests;

public class JsonReportWriterTests
{
    private static string Write(DjangoPreflight.Core.ScanReport report)
    {
        var o = new StringWriter();
        new JsonReportWriter().Write(report, o, RenderOptions.Plain);
        return o.ToString();
    }

    [Fact]
    public void WritesTheDesignShapeExactly()
    {
        var expected = """
            {
              "tool": {
                "name": "django-preflight",
                "version": "0.1.0"
              },
              "target": {
                "path": "examples/shop",
                "settings_module": "shop.settings.production",
                "django_version": "4.2",
                "reasons": [
                  "named like production"
                ],
                "settings_candidates": [],
                "deployment_files": []
              },
              "findings": [
                {
                  "rule": "DP201",
                  "django_id": "security.W018",
                  "severity": "critical",
                  "title": "DEBUG is on in production",
                  "message": "DEBUG is True | \"quoted\" <tag>",
                  "location": {
                    "path": "shop/settings/base.py",
                    "line": 12,
                    "column": 1
                  },
                  "setting": "DEBUG",
                  "confidence": "certain",
                  "also": []
                },
            """;
        Assert.StartsWith(expected.ReplaceLineEndings("\n"), Write(SampleReports.Scan()));
    }

    [Fact]
    public void MissingLineAndColumnAreNull()
    {
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan()));
        var location = doc.RootElement.GetProperty("findings")[2].GetProperty("location");
        Assert.Equal(JsonValueKind.Null, location.GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, location.GetProperty("column").ValueKind);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("findings")[2].GetProperty("django_id").ValueKind);
    }

    [Fact]
    public void SummaryCarriesCountsErrorsAndNotices()
    {
        using var doc = JsonDocument.Parse(Write(SampleReports.Scan()));
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(42, summary.GetProperty("files_scanned").GetInt32());
        Assert.Equal(3, summary.GetProperty("findings").GetInt32());
        Assert.Equal("CACHES", summary.GetProperty("unresolved_settings")[0].GetString());
        Assert.Equal("legacy/old.py", summary.GetProperty("parse_errors")[0].GetProperty("path").GetString());
        Assert.Equal(3, summary.GetProperty("parse_errors")[0].GetProperty("line").GetInt32());
        Assert.Equal("history scan skipped (--no-history)", summary.GetProperty("notices")[0].GetString());
    }

    [Fact]
    public void SummarySaysWhetherTheScanWasCutShort()
    {
        using var cut = JsonDocument.Parse(Write(SampleReports.CutShort()));
        var summary = cut.RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("cut_short").GetBoolean());
        Assert.Contains(SampleReports.CutShortNotice, summary.GetProperty("notices").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("cut_short", summary.EnumerateObject().Last().Name);

        using var whole = JsonDocument.Parse(Write(SampleReports.Scan()));
        Assert.False(whole.RootElement.GetProperty("summary").GetProperty("cut_short").GetBoolean());
    }

    [Fact]
    public void SummaryListsWhatProductionMustSetAndWhatWasUndecided()
    {
        var json = Write(SampleReports.Scan());
        Assert.Contains("""
                "required_env": [
                  {
                    "variable": "DJANGO_SECRET_KEY",
                    "settings": [
                      "SECRET_KEY"
                    ],
                    "location": {
                      "path": "shop/settings.py",
                      "line": 7,
                      "column": null
                    },
                    "reason": "raises ImproperlyConfigured"
                  }
                ],
                "undecided": [
                  {
                    "rule": "DP204",
                    "setting": "ALLOWED_HOSTS",
                    "location": {
                      "path": "shop/settings/base.py",
                      "line": 20,
                      "column": null
                    }
                  }
                ]
            """.ReplaceLineEndings("\n"), json);
    }

    [Fact]
    public void ProbeReportsUseUrlLocationsAndTheGrade()
    {
        using var doc = JsonDocument.Parse(Write(SampleReports.Probe()));
        Assert.Equal("C+", doc.RootElement.GetProperty("target").GetProperty("grade").GetString());
        Assert.Equal("https://shop.example.com/", doc.RootElement.GetProperty("findings")[0].GetProperty("location").GetProperty("url").GetString());
    }
}
