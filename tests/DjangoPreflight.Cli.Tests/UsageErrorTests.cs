namespace DjangoPreflight.Cli.Tests;

/// <summary>Bad input: one line on stderr starting "django-preflight: error:", exit code 2, nothing on stdout.</summary>
public class UsageErrorTests
{
    public static TheoryData<string[], string> Cases() => new()
    {
        { ["scan", "/no/such/dir"], "'/no/such/dir' does not exist" },
        { ["scan", CliRun.Fixture("debug-on/manage.py")], "is a file; give the project directory" },
        { ["scan", CliRun.Fixture("debug-on"), "--select", "DP999"], "unknown rule ID or prefix 'DP999'" },
        { ["scan", CliRun.Fixture("debug-on"), "--ignore", "XYZ"], "unknown rule ID or prefix 'XYZ'" },
        { ["scan", CliRun.Fixture("debug-on"), "--select", "DPL"], "--select/--ignore leave no rule for this command to run" },
        { ["scan", CliRun.Fixture("debug-on"), "--ignore", "DP"], "--select/--ignore leave no rule for this command to run" },
        { ["probe", "http://127.0.0.1:9/", "--select", "DP2"], "--select/--ignore leave no rule for this command to run" },
        { ["scan", CliRun.Fixture("debug-on"), "--fail-on", "severe"], "unknown severity 'severe'" },
        { ["scan", CliRun.Fixture("debug-on"), "--format", "yaml"], "unknown format 'yaml'" },
        { ["scan", CliRun.Fixture("debug-on"), "--django-version", "four"], "invalid --django-version 'four'" },
        { ["scan", CliRun.Fixture("debug-on"), "--env", "NOEQUALS"], "invalid --env 'NOEQUALS'" },
        { ["scan", CliRun.Fixture("debug-on"), "--env-file", "/no/such.env"], "--env-file '/no/such.env' does not exist" },
        { ["scan", "--bogus-option"], "--bogus-option" },
        { ["explain", "DP000"], "unknown rule ID 'DP000'" },
        { ["rules", "--format", "xml"], "xml" },
        { ["scan", CliRun.Fixture("debug-on"), "--settings", "mysite.setings"], "--settings 'mysite.setings' is not a module of the project (settings modules found: mysite.settings)" },
        { ["settings", CliRun.Fixture("debug-on"), "--settings", "mysite.setings"], "--settings 'mysite.setings' is not a module of the project (settings modules found: mysite.settings)" },
    };

    [Fact]
    public void ADirectoryThatIsNotADjangoProjectIsAnInputError()
    {
        using var temp = new DjangoPreflight.TestSupport.TempDirectory();
        temp.Write("README.md", "# not a web app\n");
        temp.Write("tool/main.py", "print('hello')\n");
        CliAssert.UsageError(CliRun.InMemory("scan", temp.Path), "does not look like a Django project");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInputIsOneLineAndExitTwo(string[] args, string expected) => CliAssert.UsageError(CliRun.InMemory(args), expected);
}
