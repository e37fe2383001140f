using System.Text.RegularExpressions;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// Runs an example's manage.py with Debian's Python and Django (/usr/bin/python3; the python3
/// on PATH has no Django) under a chosen settings module and environment.
/// </summary>
internal static partial class DjangoManage
{
    public const string Python = "/usr/bin/python3";

    public static ChildProcessResult Run(ExampleProject project, string settingsModule,
        IReadOnlyDictionary<string, string>? extraEnvironment, params string[] arguments)
    {
        PythonModules.Require(PythonModules.Examples);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = "/usr/bin:/bin",
            ["LANG"] = "C.UTF-8",
            ["HOME"] = project.Root,
            ["PYTHONDONTWRITEBYTECODE"] = "1",
            ["PYTHONNOUSERSITE"] = "1",
        };
        if (extraEnvironment is not null)
            foreach (var (key, value) in extraEnvironment)
                environment[key] = value;
        environment["DJANGO_SETTINGS_MODULE"] = settingsModule;
        return ChildProcess.Run(Python, ["manage.py", .. arguments], project.Root, environment);
    }

    /// <summary>The environment of the production box: the example's production env file
    /// (hardened-shop's has placeholders, which Django's checks accept).</summary>
    public static Dictionary<string, string> ProductionEnvironment(ExampleProject project) =>
        DotEnvFile.Read(project.PathOf(RepoPaths.ProductionEnv(project.Name)));

    /// <summary>The check IDs (e.g. security.W004) in the output of `manage.py check`, sorted.</summary>
    public static IReadOnlyList<string> CheckIds(ChildProcessResult result) =>
        CheckIdPattern().Matches(result.Combined).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^.*?: \(([a-z0-9_]+\.[EWIC]\d{3})\) ", RegexOptions.Multiline)]
    private static partial Regex CheckIdPattern();
}
