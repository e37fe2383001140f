using DjangoPreflight.Fuzz;

namespace DjangoPreflight.Analysis.Tests.Fuzz;

/// <summary>Runs each fuzz target (fuzz/README.md) over its seed corpus and over cut and flipped
/// copies of the seeds (a fixed random seed: the same inputs every run), so the targets keep
/// compiling and what a fuzzer starts from is known not to crash. An exception other than the
/// component's documented error fails the test, as it would stop the fuzzer.</summary>
public class FuzzTargetTests
{
    public static TheoryData<string> Targets() => new(FuzzTargets.ByName.Keys);

    [Theory]
    [MemberData(nameof(Targets))]
    public void EverySeedAndItsMutantsRunCleanly(string target)
    {
        var seeds = Directory.GetFiles(Path.Combine(RepoPaths.Root, "fuzz", "corpus", target)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(seeds);
        var random = new Random(22);
        var run = FuzzTargets.ByName[target];
        foreach (var seed in seeds)
        {
            var bytes = File.ReadAllBytes(seed);
            run(bytes);
            for (var i = 0; i < 8; i++)
            {
                run(bytes[..random.Next(bytes.Length + 1)]);
                var flipped = (byte[])bytes.Clone();
                for (var j = 0; j < 4 && flipped.Length > 0; j++) flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
                run(flipped);
            }
        }
    }

    [Theory]
    [InlineData("a = \"\\U0000D800\"\n")]
    [InlineData("a = \"\\U00110000\"\n")]
    public void AUnicodeEscapeTomlynCannotDescribeIsInvalidToml(string toml) =>
        // Found by the config target: Tomlyn 2.11.1 threw ArgumentOutOfRangeException on these.
        Assert.Throws<DjangoPreflight.Analysis.Toml.TomlException>(() => DjangoPreflight.Analysis.Toml.TomlReader.Parse(toml));
}
