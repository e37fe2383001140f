using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Rules.DjangoChecks;
using Xunit.Abstractions;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>
/// Differential test against the real <c>manage.py check --deploy</c>: a generated corpus of settings
/// variants is checked by each available Django release and by our rules targeting that release; the
/// sets of Django check IDs must be identical for every variant.
/// </summary>
public sealed class DeployCheckDifferentialTests(ITestOutputHelper output)
{
    public const int VariantCount = 520;

    [Theory]
    [InlineData("")]
    [InlineData("trixie")]
    [InlineData("sid")]
    [InlineData("experimental")]
    public void Our_django_ids_equal_the_real_check_deploy_on_every_variant(string suite)
    {
        var work = Directory.CreateTempSubdirectory("deploy-variants-");
        try
        {
            var started = DateTime.UtcNow;
            var variants = DeployVariantGenerator.Write(work.FullName, VariantCount, seed: 20261122);
            var (version, django) = RealDjango.CheckDeploy(suite, variants, work.FullName);
            var djangoSeconds = (DateTime.UtcNow - started).TotalSeconds;

            var rules = ProjectRuleSet.All.OfType<DeployCheckRule>().ToList();
            var startups = variants.Count(v => django[v.Name].Startup is not null);
            var disagreements = new List<string>();
            var crashed = 0;
            foreach (var variant in variants)
            {
                var real = django[variant.Name];
                if (real.Error is { } error)
                {
                    crashed++;
                    disagreements.Add($"{variant.Name}: Django {version} crashed: {error}\n    {variant.Description}");
                    continue;
                }
                // A settings module Django refuses at start-up runs no check: DP214 must say so.
                var theirs = real.Startup is not null ? ["startup"] : real.Ids;
                var ours = OurIds(variant, version, rules);
                if (!ours.SequenceEqual(theirs))
                    disagreements.Add($"{variant.Name}: Django {version} [{string.Join(" ", theirs)}] {real.Startup} vs ours [{string.Join(" ", ours)}]\n    {variant.Description}");
            }
            output.WriteLine($"Django {version}: {variants.Count - disagreements.Count} of {variants.Count} generated variants agree ({startups} refused at start-up) " +
                             $"(real check --deploy {djangoSeconds:F1}s, total {(DateTime.UtcNow - started).TotalSeconds:F1}s)");
            foreach (var d in disagreements.Take(40)) output.WriteLine(d);
            Assert.Equal(0, crashed);
            Assert.Empty(disagreements);
            Assert.True(variants.Count >= 500);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public static IReadOnlyList<string> OurIds(DeployVariant variant, string djangoVersion, IEnumerable<ProjectRule> rules)
    {
        var project = new ProjectContext(variant.Root, new ScanOptions
        {
            SettingsModule = variant.SettingsModule,
            EnvPairs = variant.Env.ToList(),
            DjangoVersion = djangoVersion,
        });
        var findings = RuleRunner.Run(project, rules).ToList();
        return findings.Any(f => f.RuleId == "DP214") ? ["startup"]
            : findings.Select(f => f.DjangoId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
