using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP404: SECURE_REFERRER_POLICY is unset (security.W022) or invalid (security.E023).</summary>
public sealed class ReferrerPolicyMissingOrInvalid : DeployCheckRule
{
    public static readonly IReadOnlySet<string> ValidValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "no-referrer", "no-referrer-when-downgrade", "origin", "origin-when-cross-origin", "same-origin",
        "strict-origin", "strict-origin-when-cross-origin", "unsafe-url",
    };

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP404",
        Title: "Referrer-Policy is missing or invalid",
        Category: Category.Browser,
        DefaultSeverity: Severity.Low,
        DjangoIds: ["security.W022", "security.E023"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Without a Referrer-Policy, full URLs (with password-reset tokens, search terms or IDs in
                them) leak to every third-party site a page links to or loads from. An invalid value is
                ignored by browsers, which is the same as sending none.
                """,
            Fix: """
                Set SECURE_REFERRER_POLICY to a valid policy, e.g. "same-origin" (Django's default since
                3.1) or "strict-origin-when-cross-origin"; several comma-separated values are allowed as
                fallbacks. Do not set it to None.
                """,
            Before: """
                SECURE_REFERRER_POLICY = None
                """,
            After: """
                SECURE_REFERRER_POLICY = "same-origin"
                """));

    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        var security = settings.HasMiddleware(DeploySettings.SecurityMiddleware);
        if (security == false) return [];
        var policy = settings.Value("SECURE_REFERRER_POLICY");
        if (policy is PyNone)
            return When(security, settings, "security.W022", "SECURE_REFERRER_POLICY",
                "SECURE_REFERRER_POLICY is None: no Referrer-Policy header is sent.");
        // Django accepts a comma-separated string or any iterable of values, each one known.
        IEnumerable<PyValue>? values = policy switch
        {
            PyStr s => s.Value.Split(',').Select(v => (PyValue)new PyStr(v.Trim(PyWhitespace))),
            PyDict d => d.Entries.Select(e => e.Key),
            { AsSequence: { } items } => items,
            _ => null,
        };
        if (values is null)
            return When(security & settings.Undecided("SECURE_REFERRER_POLICY is not a string or a list"), settings, "security.E023",
                "SECURE_REFERRER_POLICY", "SECURE_REFERRER_POLICY may be invalid.");
        bool? invalid = false;
        var bad = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            if (v is PyStr s)
            {
                if (!ValidValues.Contains(s.Value)) bad.Add(s.Value);
            }
            else if (v is PyUnknown u) invalid = invalid == true ? true : settings.Undecided(u.Reason);
            else bad.Add("(not a string)");
        }
        if (bad.Count > 0) invalid = true;
        return When(security & invalid, settings, "security.E023", "SECURE_REFERRER_POLICY",
            $"SECURE_REFERRER_POLICY has invalid value(s): {string.Join(", ", bad.Select(b => $"'{b}'"))}; browsers ignore the header.");
    }

    /// <summary>The characters Python's str.strip() removes by default (ASCII ones suffice for policy names).</summary>
    private static readonly char[] PyWhitespace = [' ', '\t', '\n', '\r', '\v', '\f'];
}
