using DjangoPreflight.Fuzz;
using SharpFuzz;

// dotnet run --project fuzz/DjangoPreflight.Fuzz -- TARGET [--afl]: libFuzzer's in-process driver
// (libfuzzer-dotnet) by default, AFL's out-of-process one with --afl. See fuzz/README.md.
if (args.Length == 0 || !FuzzTargets.ByName.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: DjangoPreflight.Fuzz {string.Join('|', FuzzTargets.ByName.Keys)} [--afl]");
    return 2;
}
if (args.Contains("--afl"))
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target(buffer.ToArray());
    });
}
else
{
    Fuzzer.LibFuzzer.Run(span => target(span.ToArray()));
}
return 0;
