using System.Text.Json;
using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>
/// Django's defaults as we model them (<see cref="DjangoDefaults"/>, what <c>settings</c> prints and
/// what rules see for a setting the project leaves alone) against the real global_settings.py of each
/// release we can run: the same names, and the same value for each, compared as Python's repr().
/// </summary>
public sealed class RealDjangoDefaultsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("trixie")]
    [InlineData("sid")]
    [InlineData("experimental")]
    public void Our_defaults_equal_the_real_global_settings(string suite)
    {
        var release = RealDjango.Release(suite);
        var (exit, stdout, stderr) = RealDjango.Run(release.Python, [Path.Combine(RealDjango.TestDirectory, "global_settings_dump.py")],
            new Dictionary<string, string> { ["PYTHONPATH"] = release.PythonPath });
        Assert.True(exit == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var real = json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var version = real["__version__"];
        real.Remove("__version__");
        Assert.StartsWith(release.Series + ".", version);
        Assert.True(DjangoVersion.TryParse(version, out var parsed));

        var ours = DjangoDefaults.For(parsed).ToDictionary(kv => kv.Key, kv => PyRepr.Of(kv.Value));
        var differences = real.Keys.Union(ours.Keys).Order(StringComparer.Ordinal)
            .Where(name => real.GetValueOrDefault(name) != ours.GetValueOrDefault(name))
            .Select(name => $"{name}: Django {version} {real.GetValueOrDefault(name) ?? "(no such setting)"}, ours {ours.GetValueOrDefault(name) ?? "(no such setting)"}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
        Assert.True(real.Count > 100, $"only {real.Count} defaults read");
    }
}
