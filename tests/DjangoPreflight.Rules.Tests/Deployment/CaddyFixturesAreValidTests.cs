using System.Diagnostics;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// No imaginary Caddy: every Caddyfile the loader finds in the rule fixtures, and every variant the
/// Caddy tests write, must be accepted by Debian's Caddy (<c>caddy adapt</c>, which parses the
/// Caddyfile and builds its JSON configuration without starting a server).
/// </summary>
public sealed class CaddyFixturesAreValidTests
{
    private const string Caddy = "/usr/bin/caddy";

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(RepoRoot, "tests", "DjangoPreflight.Rules.Tests", "Fixtures", "Deployment")).Order(StringComparer.Ordinal))
            if (Project(Path.GetFileName(dir)).Deployment.Caddy.Count > 0) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_caddyfile_passes_caddy_adapt(string fixture)
    {
        foreach (var config in Project(fixture).Deployment.Caddy)
            AssertAdapts(Path.Combine(Dir(fixture), config.Path));
    }

    [Fact]
    public void A_broken_caddyfile_fails_caddy_adapt()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("dp-caddy-").FullName, "Caddyfile");
        File.WriteAllText(file, "shop.example.com {\n\treverse_proxy app:8000 {\n\t\theader_up\n\t}\n}\n");
        try
        {
            Assert.NotEqual(0, Adapt(file).Code);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    internal static void AssertAdapts(string caddyfile)
    {
        var (code, output) = Adapt(caddyfile);
        Assert.True(code == 0, $"caddy adapt failed for {caddyfile}:\n{output}");
    }

    private static (int Code, string Output) Adapt(string caddyfile)
    {
        var start = new ProcessStartInfo(Caddy) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "adapt", "--adapter", "caddyfile", "--config", caddyfile }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
