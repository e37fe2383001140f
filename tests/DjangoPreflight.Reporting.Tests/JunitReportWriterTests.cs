using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DjangoPreflight.Core;
using DjangoPreflight.Probe;
using DjangoPreflight.Rules;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Reporting.Tests;

public class JunitReportWriterTests
{
    private static readonly RuleDescriptor Https = new("DP301", "SECURE_SSL_REDIRECT is off", Category.Transport, Severity.Medium,
        ["security.W008"], ["000"], new RuleDocs("", "", "", ""));

    /// <summary>DP201 twice, DP204 once, DP301 ran clean, DP601 found but not listed as run.</summary>
    private static ScanReport Mixed()
    {
        var sample = SampleReports.Scan();
        var second = sample.Findings[0] with { Location = new SourceLocation("shop/settings/production.py", 3), Message = "DEBUG again", Severity = Severity.High };
        return sample with { Findings = [.. sample.Findings, second], Rules = [SampleReports.Debug, SampleReports.Hosts, Https] };
    }

    private static string Write(ScanReport report) => WriterOutput.Of(new JunitReportWriter(), report);

    /// <summary>Errors from validating against Jenkins' JUnit schema; empty when valid.</summary>
    private static List<string> SchemaErrors(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Schemas", "jenkins-junit.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }

    [Fact]
    public void WritesOneTestCasePerRuleAndOneFailurePerFinding()
    {
        var xml = Write(Mixed());
        var suites = XDocument.Parse(xml).Root!;
        var suite = suites.Element("testsuite")!;
        // Ordered by category (checklist order), then ID.
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(["DP201 DEBUG is on in production", "DP204 ALLOWED_HOSTS contains *", "DP301 SECURE_SSL_REDIRECT is off", "DP601 STATIC_ROOT is not set"],
            cases.Select(c => (string)c.Attribute("name")!));
        Assert.Equal(["django-preflight.disclosure", "django-preflight.disclosure", "django-preflight.transport", "django-preflight.operations"],
            cases.Select(c => (string)c.Attribute("classname")!));
        Assert.Equal([2, 1, 0, 1], cases.Select(c => c.Elements("failure").Count()));
        // Failures count failed test cases, as JUnit consumers do, not failure elements.
        foreach (var element in new[] { suites, suite })
        {
            Assert.Equal("4", (string)element.Attribute("tests")!);
            Assert.Equal("3", (string)element.Attribute("failures")!);
            Assert.Equal("0", (string)element.Attribute("errors")!);
        }
        var debug = cases[0].Elements("failure").ToList();
        Assert.Equal(["critical", "high"], debug.Select(f => (string)f.Attribute("type")!));
        Assert.Equal("shop/settings/base.py:12:1: DEBUG is True | \"quoted\" <tag>", (string)debug[0].Attribute("message")!);
        Assert.Equal("DP201 critical: DEBUG is on in production\nLocation: shop/settings/base.py:12:1\nMessage: DEBUG is True | \"quoted\" <tag>\nConfidence: certain\nDjango check: security.W018\nSetting: DEBUG\n", debug[0].Value);
        Assert.Equal("shop/settings/production.py:3: DEBUG again", (string)debug[1].Attribute("message")!);
        Assert.Equal("examples/shop", suite.Element("properties")!.Elements("property").Single(p => (string)p.Attribute("name")! == "target.path").Attribute("value")!.Value);
        Assert.StartsWith("4 findings (1 critical, 2 high, 1 low), 42 files scanned\n", suite.Element("system-out")!.Value);
        Assert.Contains("Parse error legacy/old.py:3: invalid syntax\n", suite.Element("system-out")!.Value);
        Assert.Contains("Production must set DJANGO_SECRET_KEY (SECRET_KEY): without it, shop/settings.py:7 raises ImproperlyConfigured\n", suite.Element("system-out")!.Value);
        Assert.Contains("Could not decide (low confidence): DP204 ALLOWED_HOSTS\n", suite.Element("system-out")!.Value);
    }

    [Fact]
    public void ProbeFailuresAreLocatedByUrl()
    {
        var suite = XDocument.Parse(Write(SampleReports.Probe())).Root!.Element("testsuite")!;
        Assert.Equal("django-preflight probe https://shop.example.com/", (string)suite.Attribute("name")!);
        var failure = suite.Element("testcase")!.Element("failure")!;
        Assert.Equal("https://shop.example.com/: No Strict-Transport-Security header.", (string)failure.Attribute("message")!);
        Assert.Equal("django-preflight.live", (string)suite.Element("testcase")!.Attribute("classname")!);
    }

    [Fact]
    public void SamplesAreValidAgainstJenkinsJunitSchema()
    {
        Assert.Empty(SchemaErrors(Write(Mixed())));
        Assert.Empty(SchemaErrors(Write(SampleReports.Probe())));
        Assert.Empty(SchemaErrors(Write(SampleReports.Scan() with { Findings = [] })));
    }

    [Fact]
    public void SchemaValidationCanFail()
    {
        // A failure before the test case's system-out is fine; a testcase without a name is not.
        var xml = Write(Mixed()).Replace("<testcase name=\"DP204 ALLOWED_HOSTS contains *\"", "<testcase");
        Assert.Contains(SchemaErrors(xml), e => e.Contains("'name'", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlCharactersCannotBreakTheXml()
    {
        var sample = SampleReports.Scan();
        var report = sample with { Findings = [sample.Findings[0] with { Message = "bell \u0007 and NUL \0 here" }] };
        var xml = Write(report);
        Assert.Empty(SchemaErrors(xml));
        Assert.Contains("bell \uFFFD and NUL \uFFFD here", XDocument.Parse(xml).Root!.Descendants("failure").Single().Value);
    }

    [Fact]
    public void AFindingWithoutALocationKeepsItsMessage()
    {
        var sample = SampleReports.Scan();
        var report = sample with { Findings = [sample.Findings[0] with { Location = SourceLocation.None }] };
        var failure = XDocument.Parse(Write(report)).Root!.Descendants("failure").Single();
        Assert.Equal("DEBUG is True | \"quoted\" <tag>", (string)failure.Attribute("message")!);
        Assert.DoesNotContain("Location:", failure.Value);
    }

    [Fact]
    public void ARealScanCountsEveryRuleAndEveryFinding()
    {
        using var temp = new TempDirectory();
        var xml = ReportRuns.Scan("insecure-shop", "junit", temp);
        var json = JsonDocument.Parse(ReportRuns.Scan("insecure-shop", "json", temp));
        Assert.Empty(SchemaErrors(xml));
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("rule").GetString()!).ToList();
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal(ProjectRuleSet.All.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), (string)suite.Attribute("tests")!);
        Assert.Equal(findings.Distinct().Count().ToString(System.Globalization.CultureInfo.InvariantCulture), (string)suite.Attribute("failures")!);
        Assert.Equal(findings.Count, suite.Descendants("failure").Count());
        foreach (var id in findings.Distinct())
            Assert.Equal(findings.Count(f => f == id), suite.Elements("testcase").Single(c => ((string)c.Attribute("name")!).StartsWith(id + " ", StringComparison.Ordinal)).Elements("failure").Count());
    }

    [Fact]
    public async Task ARealProbeListsEveryLiveRule()
    {
        await using var site = ReportRuns.Site();
        using var temp = new TempDirectory();
        var xml = ReportRuns.Probe(site, "junit", temp);
        Assert.Empty(SchemaErrors(xml));
        var suite = XDocument.Parse(xml).Root!.Element("testsuite")!;
        Assert.Equal(LiveRuleSet.All.Count, suite.Elements("testcase").Count());
        Assert.All(suite.Descendants("failure"), f => Assert.StartsWith(site.Url.ToString(), (string)f.Attribute("message")!));
        Assert.Contains(suite.Elements("testcase"), c => ((string)c.Attribute("name")!).StartsWith("DPL03 ", StringComparison.Ordinal) && c.Elements("failure").Any());
    }

    [Fact]
    public void DebiansJunitparserReadsIt()
    {
        // A real consumer: python3-junitparser (Debian) sees the same counts and failures.
        using var temp = new TempDirectory();
        var file = temp.Write("report.xml", Write(Mixed()));
        var script = """
            import sys
            from junitparser import JUnitXml, Failure
            xml = JUnitXml.fromfile(sys.argv[1])
            for suite in xml:
                print(suite.name, suite.tests, suite.failures, suite.errors)
                for case in suite:
                    print(case.classname, case.name.split()[0], [r.type for r in case.result if isinstance(r, Failure)])
            """;
        PythonModules.Require("junitparser");
        var result = ProcessRunner.Run(ProcessRunner.Python, ["-c", script, file]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(
            """
            django-preflight scan examples/shop 4 3 0
            django-preflight.disclosure DP201 ['critical', 'high']
            django-preflight.disclosure DP204 ['high']
            django-preflight.transport DP301 []
            django-preflight.operations DP601 ['low']

            """, result.Stdout);
    }

    [Fact]
    public void SameReportSameBytes() => Assert.Equal(Write(Mixed()), Write(Mixed()));
}
