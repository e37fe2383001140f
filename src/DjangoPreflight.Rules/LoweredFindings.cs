using DjangoPreflight.Core;

namespace DjangoPreflight.Rules;

/// <summary>The shape every post-pass that lowers findings shares (DeploymentRoleGate, PassedInVariables).</summary>
internal static class LoweredFindings
{
    /// <summary>Each finding through <paramref name="lower"/>, which returns it unchanged or a lowered
    /// copy. The report's order depends on severity, so a list with any finding lowered is sorted again;
    /// with none, the same list comes back.</summary>
    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, Func<Finding, Finding> lower)
    {
        var changed = false;
        var adjusted = findings.Select(f =>
        {
            var after = lower(f);
            changed |= !ReferenceEquals(after, f);
            return after;
        }).ToList();
        if (!changed) return findings;
        adjusted.Sort(FindingOrder.Instance);
        return adjusted;
    }
}
