using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP201: DEBUG is on in the production settings (Django's security.W018).</summary>
public sealed class DebugEnabled : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP201",
        Title: "DEBUG is on in production",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.Critical,
        DjangoIds: ["security.W018"],
        Seeds: ["000", "001", "003", "004"],
        Docs: new RuleDocs(
            Why: """
                With DEBUG on, every error page shows source code, local variables, the settings (with
                anything not recognised as secret) and the installed packages to whoever triggers it.
                Django also keeps every SQL query in memory, which grows without bound.
                """,
            Fix: """
                Set DEBUG = False in the production settings, or read it from the environment with a
                default of False so that a missing variable can never turn it on.
                """,
            Before: """
                DEBUG = True
                """,
            After: """
                DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
                """));

    // Django's check is `not settings.DEBUG`: any truthy value fires it, even the string "False".
    public override IEnumerable<Finding> Check(DeploySettings settings) =>
        // A truthy DEBUG that only an optional override module may turn off is not known to be on in
        // production; that it fails open without the module is DP202's finding.
        settings.Model["DEBUG"] is { FromEnvironment: false, Value: Analysis.Settings.PyOverridable { Repository.Truthy: true } } ? [] :
        When(settings.Truthy("DEBUG"), settings, "security.W018", "DEBUG", settings.Value("DEBUG") switch
        {
            Analysis.Settings.PyBool => "DEBUG is True in the production settings.",
            var v => $"DEBUG is {Show(v)} in the production settings, which Python treats as true.",
        });

    private static string Show(Analysis.Settings.PyValue v) => v switch
    {
        Analysis.Settings.PyStr s => $"the string '{s.Value}'",
        Analysis.Settings.PyInt i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "a non-boolean value",
    };
}
