namespace DjangoPreflight.Core;

/// <summary>How bad a finding is if it is true. Ordered: a higher value is worse.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}

public static class SeverityNames
{
    public static string Name(this Severity s) => s switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static bool TryParse(string text, out Severity severity)
    {
        foreach (var s in Enum.GetValues<Severity>())
            if (string.Equals(s.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                severity = s;
                return true;
            }
        severity = default;
        return false;
    }

    public static IEnumerable<string> All => Enum.GetValues<Severity>().Select(s => s.Name());
}
