using System.Diagnostics;
using DjangoPreflight.Python;
using DjangoPreflight.Python.Ast;

// Usage:
//   bench [--files LIST] [--rounds N]       parse every file N times, report MB/s (one thread)
//   dump FILE                                print our dump of FILE (conformance format)
//   compare REFERENCE                        compare our dumps with a reference produced by ast_dump.py
return args.Length > 0 && args[0] == "dump" ? Dump(args[1])
    : args.Length > 0 && args[0] == "compare" ? Compare(args[1])
    : Bench(args);

static int Dump(string path)
{
    var result = PythonParser.Parse(File.ReadAllBytes(path), path);
    foreach (var d in result.Diagnostics) Console.Error.WriteLine($"{path}:{d}");
    Console.Write(AstDump.Dump(result.Module));
    return 0;
}

static int Compare(string referencePath)
{
    int compared = 0, matched = 0;
    foreach (var (path, expected) in ReadReference(referencePath))
    {
        compared++;
        var result = PythonParser.Parse(File.ReadAllBytes(path), path);
        bool rejected = expected.StartsWith("ERR", StringComparison.Ordinal);
        if (rejected || result.HasErrors)
        {
            if (rejected && result.HasErrors) matched++;
            else Console.WriteLine($"MISMATCH {path}: CPython {(rejected ? "rejects" : "accepts")}, we {(result.HasErrors ? "reject: " + result.Diagnostics[0] : "accept")}");
            continue;
        }
        string actual = AstDump.Dump(result.Module);
        if (actual == expected) { matched++; continue; }
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        int i = 0;
        while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
        Console.WriteLine($"MISMATCH {path} line {i}:\n  expected: {Trim(i < e.Length ? e[i] : "<end>")}\n  actual:   {Trim(i < a.Length ? a[i] : "<end>")}");
    }
    Console.WriteLine($"compared {compared}, matched {matched}");
    return compared == matched ? 0 : 1;
}

static string Trim(string s) => s.Length > 300 ? s[..300] + "..." : s;

static IEnumerable<(string Path, string Dump)> ReadReference(string referencePath)
{
    string? path = null;
    var sb = new System.Text.StringBuilder();
    foreach (var line in File.ReadLines(referencePath))
    {
        if (line.StartsWith("=== ", StringComparison.Ordinal))
        {
            if (path is not null) yield return (path, sb.ToString());
            path = line[4..];
            sb.Clear();
            continue;
        }
        sb.Append(line).Append('\n');
    }
    if (path is not null) yield return (path, sb.ToString());
}

static int Bench(string[] args)
{
    string list = "files.txt";
    int rounds = 3;
    for (int i = 0; i < args.Length - 1; i++)
    {
        if (args[i] == "--files") list = args[i + 1];
        if (args[i] == "--rounds") rounds = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
    var sources = File.ReadAllLines(list).Where(l => l.Length > 0).Select(File.ReadAllBytes).ToList();
    long bytes = sources.Sum(s => (long)s.Length);
    bool tokensOnly = args.Contains("--tokens-only");
    if (tokensOnly)
    {
        // Profiling aid: decoding + tokenizing only, to split the time between stages.
        var decoded = sources.Select(s => DjangoPreflight.Python.Parsing.SourceDecoder.Decode(s, true, [])).ToList();
        for (int r = 0; r < rounds + 1; r++)
        {
            var sw0 = Stopwatch.StartNew();
            foreach (var d in decoded) new DjangoPreflight.Python.Parsing.Tokenizer(d, d.Length, new DjangoPreflight.Python.Parsing.NameTable(), []).Tokenize();
            Console.WriteLine($"tokenize: {bytes / 1e6 / sw0.Elapsed.TotalSeconds:F1} MB/s wall");
        }
        return 0;
    }
    foreach (var s in sources) PythonParser.Parse(s); // warm-up (JIT, tiering)
    // CPU time of the process (this loop runs on one thread; workstation non-concurrent GC runs
    // inline), so a loaded machine skews the figure far less than wall-clock time would.
    double best = double.MaxValue, bestWall = double.MaxValue;
    long allocated = 0; // per round: garbage is most of a large scan's cost, so the bench shows it
    var process = Process.GetCurrentProcess();
    for (int r = 0; r < rounds; r++)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        foreach (var s in sources) PythonParser.Parse(s);
        bestWall = Math.Min(bestWall, sw.Elapsed.TotalSeconds);
        allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        best = Math.Min(best, (process.TotalProcessorTime - cpu).TotalSeconds);
    }
    Console.WriteLine($"files={sources.Count} bytes={bytes} cpu_seconds={best:F3} wall_seconds={bestWall:F3} allocated_per_source_byte={(double)allocated / bytes:F1} mb_per_s={bytes / 1e6 / best:F1}");
    return 0;
}
