using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP516: DEFAULT_HASHING_ALGORITHM is neither 'sha1' nor 'sha256' (Django 3.1-3.2's
/// security.E100; the setting was removed in 4.0).</summary>
public sealed class DefaultHashingAlgorithmInvalid : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP516",
        Title: "DEFAULT_HASHING_ALGORITHM is invalid",
        Category: Category.Auth,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.E100"],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Django 3.1 and 3.2 sign sessions, cookies and password-reset tokens with the algorithm
                DEFAULT_HASHING_ALGORITHM names, and accept only 'sha1' (the pre-3.1 format, for a
                rolling upgrade) or 'sha256'. Any other value is an error of Django's system checks, so
                migrate and the other management commands refuse to run.
                """,
            Fix: """
                Remove the setting (the default is 'sha256'); keep 'sha1' only while a rolling upgrade from
                Django 3.0 is in progress.
                """,
            Before: """
                DEFAULT_HASHING_ALGORITHM = "sha512"
                """,
            After: """
                # DEFAULT_HASHING_ALGORITHM removed: Django 3.2 uses sha256
                """));

    // Django 3.1-3.2: settings.DEFAULT_HASHING_ALGORITHM not in {'sha1', 'sha256'} (unhashable values make it raise).
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        if (settings.Version is not { } v || v < new DjangoVersion(3, 1) || v >= new DjangoVersion(4, 0)) return [];
        var value = settings.Model["DEFAULT_HASHING_ALGORITHM"]?.Value ?? new PyStr("sha256");
        bool? invalid = value switch
        {
            PyStr s => s.Value is not ("sha1" or "sha256"),
            PyUnknown u => settings.Undecided(u.Reason),
            PyList or PyDict or PySet => settings.Undecided("DEFAULT_HASHING_ALGORITHM is not hashable"),
            _ => true,
        };
        return When(invalid, settings, "security.E100", "DEFAULT_HASHING_ALGORITHM",
            $"DEFAULT_HASHING_ALGORITHM is {PyRepr.Of(value)}, not 'sha1' or 'sha256': Django {v.Series}'s system checks fail with security.E100.");
    }
}
