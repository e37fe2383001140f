using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary>
/// A bounded, seeded fuzz run over the whole scan: real settings, URL and view files of the
/// example shops and standard-library modules, mutated (bytes deleted, duplicated, replaced,
/// random bytes inserted, truncation), are scanned with every rule. No exception may escape, no
/// rule may fail, and every scan must end. A longer run is documented in bench/fuzz.
/// </summary>
public class ScanFuzzTests
{
    private const int Iterations = 60;

    private static readonly string[] Seeds =
    [
        "examples/insecure-shop/shop/settings/base.py",
        "examples/insecure-shop/shop/settings/production.py",
        "examples/hardened-shop/shop/settings/base.py",
        "examples/insecure-shop/shop/urls.py",
        "examples/insecure-shop/orders/views.py",
    ];

    [Fact]
    public void MutatedProjectsNeverCrashOrHang()
    {
        var random = new Random(20261122);
        var sources = Seeds.Select(p => File.ReadAllBytes(Path.Combine(RepoPaths.Root, p)))
            .Concat(StandardLibrarySamples())
            .ToList();
        for (var i = 0; i < Iterations; i++)
        {
            using var temp = new TempDirectory("dp-fuzz");
            temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'fz.settings')\n");
            temp.Write("fz/__init__.py", "");
            var settings = Mutate(sources[random.Next(sources.Count)], random);
            File.WriteAllBytes(temp.Write("fz/settings.py", ""), settings);
            File.WriteAllBytes(temp.Write("fz/urls.py", ""), Mutate(sources[random.Next(sources.Count)], random));
            File.WriteAllBytes(temp.Write("fz/views.py", ""), RandomBytes(random, random.Next(0, 4096)));
            var report = InProcessScan.Run(temp.Path, TimeSpan.FromSeconds(30));
            InProcessScan.AssertNoRuleFailed(report);
        }
    }

    private static IEnumerable<byte[]> StandardLibrarySamples()
    {
        foreach (var name in new[] { "os.py", "argparse.py", "dataclasses.py", "typing.py" })
        {
            var path = Path.Combine("/usr/lib/python3.11", name);
            if (File.Exists(path)) yield return File.ReadAllBytes(path);
        }
    }

    private static byte[] Mutate(byte[] source, Random random)
    {
        var bytes = new List<byte>(source);
        var edits = random.Next(1, 8);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = random.Next(bytes.Count);
            var length = Math.Min(random.Next(1, 64), bytes.Count - at);
            switch (random.Next(5))
            {
                case 0: bytes.RemoveRange(at, length); break;
                case 1: bytes.InsertRange(at, bytes.GetRange(at, length)); break;
                case 2: for (var k = 0; k < length; k++) bytes[at + k] = (byte)random.Next(256); break;
                case 3: bytes.InsertRange(at, RandomBytes(random, length)); break;
                default: bytes.RemoveRange(at, bytes.Count - at); break;
            }
        }
        return bytes.ToArray();
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }
}
