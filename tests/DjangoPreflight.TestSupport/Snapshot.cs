namespace DjangoPreflight.TestSupport;

/// <summary>Output pinned byte for byte in a file under the test project (a snapshot), so a layout
/// change shows up as a diff in review. To accept a new layout, run the tests with
/// UPDATE_SNAPSHOTS=1: each differing snapshot is rewritten and its test still fails once, so an
/// update can never pass unnoticed.</summary>
public static class Snapshot
{
    /// <param name="project">The test project's folder under tests/, e.g. "DjangoPreflight.Reporting.Tests".</param>
    /// <param name="name">The snapshot's file name under that project's Snapshots/ folder.</param>
    public static void Match(string project, string name, string actual)
    {
        var path = Path.Combine(RepoPaths.Root, "tests", project, "Snapshots", name);
        actual = actual.ReplaceLineEndings("\n");
        var expected = File.Exists(path) ? File.ReadAllText(path) : null;
        if (expected == actual) return;
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            throw new InvalidOperationException($"snapshot {name} written; check its diff and run again");
        }
        if (expected is null)
            throw new FileNotFoundException($"no snapshot {path}: run with UPDATE_SNAPSHOTS=1 to write it", path);
        throw new SnapshotMismatchException($"{name} differs from its snapshot ({path}): {FirstDifference(expected, actual)}\n--- actual ---\n{actual}");
    }

    /// <summary>"line 7: expected '...', actual '...'".</summary>
    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "(end)";
            var right = i < a.Length ? a[i] : "(end)";
            if (left != right) return $"line {i + 1}: expected '{left}', actual '{right}'";
        }
        return "same lines";
    }
}

public sealed class SnapshotMismatchException(string message) : Exception(message)
{
}
