using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting;

/// <summary>How our severities map onto SARIF's levels and GitHub's security-severity score.</summary>
internal static class SarifLevels
{
    /// <summary>error for what should block a deploy, warning, note for advice.</summary>
    public static string Level(Severity s) => s switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <summary>The CVSS-like score code-scanning services sort by (GitHub: 9.0+ critical, 7.0+ high,
    /// 4.0+ medium, else low).</summary>
    public static string SecuritySeverity(Severity s) => s switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };
}
