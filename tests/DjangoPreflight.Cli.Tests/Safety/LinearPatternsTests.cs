using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Cli.Tests.Safety;

/// <summary>
/// Every regular expression compiled into the scanner reads text a repository chose (settings,
/// configs, CI files, history blobs, HTTP bodies), so each runs on .NET's non-backtracking engine,
/// whose time is linear in the input: a backtracking pattern such as <c>^\s*x</c> over a million
/// blank lines takes minutes. The few that need a backtracking construct are listed with the
/// reason they are still linear.
/// </summary>
public class LinearPatternsTests
{
    private static readonly Dictionary<string, string> Backtracking = new(StringComparer.Ordinal)
    {
        // \G (not in the non-backtracking engine), tried once at each "${"; the default cannot contain
        // '$', so the attempts scan disjoint stretches of the line.
        ["SecretScanner.ShellDefault"] = "linear by construction",
        // File names of the rule documentation folder we ship, not repository text.
        ["RuleDocsDirectory.RulePageName"] = "reads our own file names",
        // Run on every line of the secret scan or on every deployment command, where building a
        // non-backtracking pattern at run time (milliseconds each) was most of a small scan's time.
        // Each is linear under backtracking: bounded alternatives, and every loop starts at a literal
        // or an anchor and is followed by a character outside its class, so a stretch of text is
        // scanned from one start only (worst cases in HostileInputTests).
        ["SecretShapes.SecretName"] = "bounded alternatives",
        ["SecretShapes.ConfigurationName"] = "bounded alternatives",
        ["SecretShapes.AwsAccessKeyId"] = "bounded length",
        ["SecretShapes.KnownToken"] = "literal prefixes; open runs end the pattern",
        ["SecretScanner.SecretName"] = "bounded alternatives",
        ["SecretScanner.CredentialUrl"] = "runs stop at '/' or the next token's delimiter",
        ["SecretScanner.QuotedDjangoKey"] = "tried at quotes; runs stop at the next quote",
        ["SecretScanner.PrivateKeyHeader"] = "literal",
        ["SecretScanner.PemBody"] = "anchored",
        ["NotASecret.DottedPath"] = "anchored; loops end at '.'",
        ["NotASecret.UpperSnake"] = "anchored; loops end at '_'",
        ["NotASecret.MigrationName"] = "anchored",
        ["NotASecret.Identifier"] = "anchored",
        ["NotASecret.Rate"] = "anchored",
        ["LocalExamples.PrivateAddress"] = "bounded alternatives",
        ["RunserverCommand.Word"] = "anchored literal",
        ["ServerCommands.WorkerClass"] = "literal start; runs end at a character outside them",
        ["ServerCommands.Talk"] = "anchored",
        ["ServerCommands.Installer"] = "bounded alternatives",
        ["ServerCommands.Collectstatic"] = "literal",
        ["ServerCommands.SettingsOption"] = "literal start; runs end at a character outside them",
        ["ServerCommands.Gunicorn"] = "bounded, or -m and blanks before a literal",
        ["ServerCommands.Uwsgi"] = "bounded, or -m and blanks before a literal",
        ["ServerCommands.Waitress"] = "bounded",
        ["ServerCommands.Uvicorn"] = "bounded, or -m and blanks before a literal",
        ["ServerCommands.Daphne"] = "bounded, or -m and blanks before a literal",
        ["ServerCommands.Hypercorn"] = "bounded, or -m and blanks before a literal",
        ["ServerCommands.Granian"] = "bounded, or -m and blanks before a literal",
        ["DeploymentLoader.ReloadFlag"] = "bounded",
        ["ServingEvidence.LeadingAssignment"] = "literal start; runs end at a character outside them",
        ["ServingEvidence.AppArgument"] = "anchored; loops end at '.' or ':'",
        ["PythonPrograms.Interpreter"] = "anchored",
    };

    private static IEnumerable<Assembly> Scanners() =>
    [
        typeof(Core.SecretShapes).Assembly,
        typeof(Analysis.Project.ProjectContext).Assembly,
        typeof(Rules.ProjectRuleSet).Assembly,
        typeof(Probe.Rules.NoRateLimit).Assembly,
        typeof(Python.PythonParser).Assembly,
        typeof(Program).Assembly,
    ];

    [Fact]
    // The tests run on the JIT with every member present; nothing here is trimmed.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "test assembly, not trimmed")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "test assembly, not trimmed")]
    public void Every_generated_pattern_is_non_backtracking()
    {
        var found = new List<string>();
        var offending = new List<string>();
        foreach (var assembly in Scanners())
            foreach (var type in assembly.GetTypes())
                foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!method.GetCustomAttributesData().Any(a => a.AttributeType == typeof(GeneratedRegexAttribute))) continue;
                    var name = $"{type.Name}.{method.Name}";
                    found.Add(name);
                    var regex = (Regex)method.Invoke(null, null)!;
                    if (!regex.Options.HasFlag(RegexOptions.NonBacktracking) && !Backtracking.ContainsKey(name)) offending.Add($"{name}: {regex}");
                }
        Assert.True(found.Count > 40, $"only {found.Count} generated patterns found: the reflection no longer sees them");
        Assert.Empty(offending);
        Assert.All(Backtracking.Keys, k => Assert.Contains(k, found));
    }
}
