using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Rules.DjangoChecks;
using DjangoPreflight.Rules.Tests.DjangoChecks;

namespace DjangoPreflight.Rules.Tests.Suppressions;

/// <summary>
/// SILENCED_SYSTEM_CHECKS in the production settings hides the findings that mirror the silenced
/// checks, exactly as the real <c>manage.py check --deploy</c> (Debian's Django 3.2) hides the checks:
/// proven on copies of examples/insecure-shop, one as it is and one with a silencing line.
/// </summary>
public sealed class SilencedSystemChecksTests
{
    private const string Module = "shop.settings.production";
    private const string Production = "shop/settings/production.py";

    private static ProjectContext Project(string root) =>
        new(root, new ScanOptions { EnvFiles = [Path.Combine(root, "deploy", "production.env")], NoHistory = true });

    /// <summary>Appends one line to the production settings and returns its line number.</summary>
    private static int Append(string root, string line)
    {
        var path = Path.Combine(root, Production);
        var text = File.ReadAllText(path).TrimEnd('\n');
        File.WriteAllText(path, text + "\n" + line + "\n");
        return text.Split('\n').Length + 1;
    }

    [Fact]
    public void SilencedChecksDisappearAsInRealDjango()
    {
        using var temp = new TempDirectory("dp-silenced");
        var plain = temp.CopyFrom(RepoPaths.Examples("insecure-shop"), "plain");
        var silenced = temp.CopyFrom(RepoPaths.Examples("insecure-shop"), "silenced");
        var text = temp.CopyFrom(RepoPaths.Examples("insecure-shop"), "text");
        // A string where a list belongs: Django's `in` finds W018 as a substring; so must we.
        Append(text, "SILENCED_SYSTEM_CHECKS = \"security.W018\"");
        // "security.W01" is a prefix of W012 and W016: Django compares whole IDs, so it silences nothing.
        var line = Append(silenced, "SILENCED_SYSTEM_CHECKS = [\"security.W018\", \"security.W019\", \"security.W01\"]");

        var (_, results) = RealDjango.CheckDeploy("", [
            new DeployVariant("plain", plain, Module, InsecureShopDeployCheckTests.ProductionEnv(plain), "insecure-shop"),
            new DeployVariant("silenced", silenced, Module, InsecureShopDeployCheckTests.ProductionEnv(silenced), "insecure-shop silencing W018 and W019"),
            new DeployVariant("text", text, Module, InsecureShopDeployCheckTests.ProductionEnv(text), "insecure-shop silencing with a string"),
        ], temp.Path);
        Assert.Null(results["plain"].Error);
        Assert.Null(results["silenced"].Error);
        Assert.Equal(results["plain"].Ids.Except(["security.W018", "security.W019"]), results["silenced"].Ids);
        Assert.Contains("security.W012", results["silenced"].Ids);
        Assert.Equal(results["plain"].Ids.Except(["security.W018"]), results["text"].Ids);

        foreach (var (root, name) in new[] { (plain, "plain"), (silenced, "silenced"), (text, "text") })
        {
            var report = ProjectScanner.Scan(Project(root), ProjectRuleSet.All.OfType<DeployCheckRule>(), name);
            var ours = report.Findings.Select(f => f.DjangoId).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(results[name].Ids, ours);
        }

        var full = ProjectScanner.Scan(Project(silenced), ProjectRuleSet.All, "silenced");
        Assert.Contains($"2 findings hidden because SILENCED_SYSTEM_CHECKS ({Production}:{line}:1) silences security.W018, security.W019, as manage.py check does", full.Summary.Notices);
        Assert.DoesNotContain(full.Findings, f => f.RuleId is "DP201" or "DP402");
        // DEBUG's fail-open default (DP202) mirrors no Django check: silencing W018 leaves it.
        Assert.Contains(full.Findings, f => f.RuleId == "DP202" && f.Location.Path == "shop/settings/base.py" && f.Location.Line == 14);
    }

    [Theory]
    [InlineData("from .checks_config import SILENCED as SILENCED_SYSTEM_CHECKS", "could not be read (", "security.W018")]
    [InlineData("from .checks_config import EXTRA\nSILENCED_SYSTEM_CHECKS = [\"security.W018\", EXTRA]", "has entries that could not be read", "security.W019")]
    [InlineData("SILENCED_SYSTEM_CHECKS = 42", "could not be read (it is 42, not a list)", "security.W018")]
    public void AListThatIsNotKnownHidesNothingItCannotRead(string assignment, string notice, string stillReported)
    {
        using var temp = new TempDirectory("dp-silenced");
        var root = temp.CopyFrom(RepoPaths.Examples("insecure-shop"), "shop");
        Append(root, assignment);
        var report = ProjectScanner.Scan(Project(root), ProjectRuleSet.All, "shop");
        Assert.Contains(report.Summary.Notices, n => n.StartsWith("SILENCED_SYSTEM_CHECKS (", StringComparison.Ordinal) && n.Contains(notice));
        // DP201 (security.W018) is part of the DEBUG finding DP202 reports for one cause: look at every part.
        var findings = RootCauses.Unmerge(report.Findings);
        Assert.Contains(findings, f => f.DjangoId == stillReported);
        // What is known still counts: the entry read from the list is silenced.
        Assert.Equal(notice.StartsWith("has entries", StringComparison.Ordinal), !findings.Any(f => f.DjangoId == "security.W018"));
    }
}
