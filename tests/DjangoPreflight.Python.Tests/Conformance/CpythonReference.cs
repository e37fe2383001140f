using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace DjangoPreflight.Python.Tests.Conformance;

/// <summary>
/// Runs the real interpreter (/usr/bin/python3, Debian's 3.11) once over a list of files with
/// ast_dump.py and returns its dump per file. The output is cached in the temp directory under a
/// key made of the interpreter version, the dumper script and every file's path, size and mtime,
/// so repeated runs skip the (slow) Python side while any change to the inputs invalidates it.
/// </summary>
internal static class CpythonReference
{
    public const string Python = "/usr/bin/python3";

    /// <summary>CPython 3.14, which scripts/install-cpython314 puts under artifacts/ (3.14-only syntax).</summary>
    public static string Python314 => Path.Combine(DjangoPreflight.TestSupport.RepoPaths.Root, "artifacts", "cpython3.14", "python3.14");

    public static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Conformance", "ast_dump.py");

    public static IReadOnlyDictionary<string, string> Dump(IReadOnlyList<string> files, string python = Python)
    {
        string cache = Path.Combine(Path.GetTempPath(), "django-preflight-conformance", CacheKey(files, python) + ".txt");
        if (!File.Exists(cache))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cache)!);
            string partial = cache + "." + Environment.ProcessId + ".tmp";
            RunPython(files, partial, python);
            File.Move(partial, cache, overwrite: true);
        }
        return Parse(cache);
    }

    private static void RunPython(IReadOnlyList<string> files, string outputPath, string python)
    {
        var psi = new ProcessStartInfo(python, [ScriptPath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start " + python);
        process.ErrorDataReceived += (_, _) => { }; // SyntaxWarnings from compiled files; drained, not needed
        process.BeginErrorReadLine();
        var copy = Task.Run(() =>
        {
            using var output = File.Create(outputPath);
            process.StandardOutput.BaseStream.CopyTo(output);
        });
        foreach (var file in files) process.StandardInput.WriteLine(file);
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ast_dump.py exited with {process.ExitCode}");
    }

    private static Dictionary<string, string> Parse(string path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var sb = new StringBuilder();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                if (current is not null) result[current] = sb.ToString();
                current = line[4..];
                sb.Clear();
                continue;
            }
            sb.Append(line).Append('\n');
        }
        if (current is not null) result[current] = sb.ToString();
        return result;
    }

    private static string CacheKey(IReadOnlyList<string> files, string python)
    {
        var sb = new StringBuilder();
        sb.Append(PythonVersion(python)).Append('\n');
        sb.Append(File.ReadAllText(ScriptPath)).Append('\n');
        foreach (var f in files)
        {
            var info = new FileInfo(f);
            sb.Append(f).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())))[..24];
    }

    private static string PythonVersion(string python)
    {
        var psi = new ProcessStartInfo(python, ["-c", "import sys; print(sys.version)"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        string version = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return version.Trim();
    }
}
