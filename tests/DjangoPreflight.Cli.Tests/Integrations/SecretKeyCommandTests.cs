using System.Text.Json;
using DjangoPreflight.Cli.Commands;
using DjangoPreflight.Cli.Tests.Examples;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Integrations;

/// <summary><c>secret-key</c> against Django's own generator: same length and alphabet, uniform,
/// and accepted both by our secret-key rules and by Django's real <c>check --deploy</c>.</summary>
public class SecretKeyCommandTests
{
    [Fact]
    public void AlphabetAndLengthAreDjangos()
    {
        // Read from Django itself rather than restated: utils.get_random_secret_key's own output.
        PythonModules.Require("django");
        var django = ProcessRunner.Run(ProcessRunner.Python, ["-c",
            "from django.core.management.utils import get_random_secret_key as g\n" +
            "import inspect, re\n" +
            "print(re.search(r\"chars = ['\\\"](.*?)['\\\"]\\n\", inspect.getsource(g)).group(1))\n" +
            "print(len(g()))"]);
        Assert.True(django.ExitCode == 0, django.Stderr);
        var lines = django.Stdout.Split('\n');
        Assert.Equal(SecretKeyCommand.Alphabet, lines[0]);
        Assert.Equal(SecretKeyCommand.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[1]);
    }

    [Fact]
    public void PrintsOneKeyOfFiftyCharactersFromTheAlphabet()
    {
        var run = CliRun.InMemory("secret-key");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.EndsWith("\n", run.Stdout);
        var key = run.Stdout.TrimEnd('\n');
        Assert.DoesNotContain('\n', key);
        Assert.Equal(50, key.Length);
        Assert.All(key, c => Assert.Contains(c, SecretKeyCommand.Alphabet));
    }

    [Fact]
    public void HelpListsTheCommand()
    {
        var help = CliRun.InMemory("--help");
        Assert.Matches(@"(?m)^\s+secret-key\s+Print a new random SECRET_KEY", help.Stdout);
    }

    [Fact]
    public void KeysAreDistinct()
    {
        var keys = Enumerable.Range(0, 5000).Select(_ => SecretKeyCommand.Generate())
            .Concat(Enumerable.Range(0, 20).Select(_ => CliRun.InMemory("secret-key").Stdout))
            .ToList();
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void CharactersAreUniformlyDistributed()
    {
        // 4000 keys = 200,000 characters, 4000 expected per symbol. For a uniform source the
        // chi-square statistic (49 degrees of freedom) has mean 49 and standard deviation 9.9;
        // 150 is more than ten deviations out (p < 1e-15), while a generator that took
        // `byte % 50` (the classic modulo bias: the first 6 symbols 6/5 as likely) scores ~1300.
        var counts = new long[SecretKeyCommand.Alphabet.Length];
        const int Keys = 4000;
        for (var i = 0; i < Keys; i++)
            foreach (var c in SecretKeyCommand.Generate())
                counts[SecretKeyCommand.Alphabet.IndexOf(c)]++;
        Assert.Equal(Keys * 50L, counts.Sum());
        var expected = Keys * 50.0 / counts.Length;
        var chiSquare = counts.Sum(n => (n - expected) * (n - expected) / expected);
        Assert.True(chiSquare < 150, $"chi-square {chiSquare:F1} over 49 degrees of freedom: not uniform");
        Assert.All(counts, n => Assert.InRange(n, (long)(expected * 0.85), (long)(expected * 1.15)));
    }

    [Fact]
    public void OurSecretKeyRulesAcceptAGeneratedKey()
    {
        var key = SecretKeyCommand.Generate();

        Assert.Empty(SecretKeyFindings(key));
        // The control shows the scan does read the key: Django's insecure prefix makes it weak.
        Assert.Equal(["DP102"], SecretKeyFindings("django-insecure-" + key));
    }

    [Fact]
    public void DjangosDeployCheckAcceptsAGeneratedKey()
    {
        using var project = ExampleProject.Copy(ExampleProject.Hardened);
        var environment = DjangoManage.ProductionEnvironment(project);

        environment["DJANGO_SECRET_KEY"] = SecretKeyCommand.Generate();
        var accepted = DjangoManage.Run(project, "shop.settings.production", environment, "check", "--deploy", "--fail-level", "WARNING");
        environment["DJANGO_SECRET_KEY"] = "django-insecure-" + environment["DJANGO_SECRET_KEY"];
        var refused = DjangoManage.Run(project, "shop.settings.production", environment, "check", "--deploy", "--fail-level", "WARNING");

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Empty(DjangoManage.CheckIds(accepted));
        Assert.Equal(["security.W009"], DjangoManage.CheckIds(refused));
    }

    /// <summary>The findings of the SECRET_KEY rules (DP101-DP105) on the hardened shop when production
    /// runs with <paramref name="key"/>; the hardened shop has none of its own.</summary>
    private static List<string> SecretKeyFindings(string key)
    {
        var shop = RepoPaths.Examples("hardened-shop");
        var run = CliRun.InMemory("scan", shop, "--no-history", "--format", "json", "--select", "DP101,DP102,DP103,DP104,DP105",
            "--env-file", Path.Combine(shop, RepoPaths.ProductionEnv("hardened-shop")), "--env", "DJANGO_SECRET_KEY=" + key);
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => f.GetProperty("rule").GetString()!).Order(StringComparer.Ordinal).ToList();
    }
}
