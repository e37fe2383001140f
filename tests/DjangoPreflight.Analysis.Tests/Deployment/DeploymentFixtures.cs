namespace DjangoPreflight.Analysis.Tests.Deployment;

internal static class DeploymentFixtures
{
    public static string Dir { get; } = Path.Combine(FindRoot(), "tests", "DjangoPreflight.Analysis.Tests", "Deployment", "Fixtures");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DjangoPreflight.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("DjangoPreflight.slnx not found above the test binaries");
    }
}
