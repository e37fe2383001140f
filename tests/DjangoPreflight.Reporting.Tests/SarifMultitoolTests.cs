using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>The SARIF we write passes Microsoft's SARIF Multitool validator (its JSON schema check
/// and its SARIF rules) with no error and no warning, for real scans and a real probe.</summary>
public class SarifMultitoolTests
{
    private static List<JsonElement> Results(string sarif) =>
        JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

    private static JsonElement ArtifactLocation(JsonElement result) =>
        result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");

    /// <summary>A real scan its time budget stopped (a microsecond is spent before the project is
    /// walked): exit 3, and its SARIF says the execution did not succeed.</summary>
    private static string CutShortScan(TempDirectory temp)
    {
        var file = Path.Combine(temp.Path, "cut-short-scan.out");
        var stderr = new StringWriter();
        var exit = Cli.CliApp.Run(["scan", RepoPaths.Examples("insecure-shop"), "--no-history", "--timeout", "0.000001", "--format", "sarif", "--output", file], new StringWriter(), stderr);
        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        var sarif = File.ReadAllText(file);
        Assert.False(JsonDocument.Parse(sarif).RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
        return sarif;
    }

    [Fact]
    public async Task ScansOfTheExamplesAndAProbeValidateWithoutErrorsOrWarnings()
    {
        using var temp = new TempDirectory();
        var insecure = ReportRuns.Scan("insecure-shop", "sarif", temp);
        var hardened = ReportRuns.Scan("hardened-shop", "sarif", temp);
        var cutShort = CutShortScan(temp);
        await using var site = ReportRuns.Site();
        var probe = ReportRuns.Probe(site, "sarif", temp);
        var files = new[]
        {
            temp.Write("insecure-shop.sarif", insecure),
            temp.Write("hardened-shop.sarif", hardened),
            temp.Write("cut-short-scan.sarif", cutShort),
            temp.Write("probe.sarif", probe),
            temp.Write("sample-scan.sarif", WriterOutput.Of(new SarifReportWriter(), SampleReports.Scan())),
            temp.Write("cut-short.sarif", WriterOutput.Of(new SarifReportWriter(), SampleReports.CutShort())),
            temp.Write("sample-probe.sarif", WriterOutput.Of(new SarifReportWriter(), SampleReports.Probe())),
            temp.Write("no-location.sarif", WriterOutput.Of(new SarifReportWriter(), SampleReports.Scan() with
            {
                Findings = [SampleReports.Scan().Findings[0] with { Location = DjangoPreflight.Core.SourceLocation.None }],
            })),
        };

        Assert.Empty(SarifMultitool.Validate(files));

        // What was validated is what the reports are about: many findings on the insecure shop,
        // a few on the hardened one, each under %SRCROOT%; the probe's at the site's URLs.
        Assert.True(Results(insecure).Count >= 60, $"{Results(insecure).Count} results");
        Assert.NotEmpty(Results(hardened));
        Assert.All(Results(insecure).Concat(Results(hardened)), r => Assert.Equal("%SRCROOT%", ArtifactLocation(r).GetProperty("uriBaseId").GetString()));
        var urls = Results(probe).Select(r => ArtifactLocation(r).GetProperty("uri").GetString()!).ToList();
        Assert.Contains(site.Url.ToString(), urls);
        Assert.All(urls, u => Assert.StartsWith(site.Url.ToString(), u));
    }

    [Fact]
    public void TheValidatorReportsWhatIsWrong()
    {
        // Proves the clean result above can fail: a line 0 breaks the schema (JSON1008) and leaves
        // the region unusable (SARIF1007, SARIF2017); a tool without its information URI draws
        // SARIF2005.
        using var temp = new TempDirectory();
        var broken = WriterOutput.Of(new SarifReportWriter(), SampleReports.Scan())
            .Replace("\"startLine\": 12", "\"startLine\": 0")
            .Replace("\"informationUri\": \"" + SarifReportWriter.InformationUri + "\",", "");
        var problems = SarifMultitool.Validate(temp.Write("broken.sarif", broken));
        Assert.Equal(["error JSON1008", "error SARIF1007", "warning SARIF2005", "warning SARIF2017"],
            problems.Select(p => $"{p.Level} {p.RuleId}").Order(StringComparer.Ordinal));
        Assert.Contains(problems, p => p.Where == "broken.sarif runs[0].tool.driver");
    }
}
