namespace DjangoPreflight.Core;

/// <summary>How sure a rule is that its finding is true; kept apart from <see cref="Severity"/>.
/// A rule that had to work from an unknown value reports <see cref="Low"/>, never a guess.</summary>
public enum Confidence
{
    Low = 0,
    Medium = 1,
    High = 2,
    Certain = 3,
}

public static class ConfidenceNames
{
    public static string Name(this Confidence c) => c switch
    {
        Confidence.Low => "low",
        Confidence.Medium => "medium",
        Confidence.High => "high",
        Confidence.Certain => "certain",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static bool TryParse(string text, out Confidence confidence)
    {
        foreach (var c in Enum.GetValues<Confidence>())
            if (string.Equals(c.Name(), text, StringComparison.OrdinalIgnoreCase))
            {
                confidence = c;
                return true;
            }
        confidence = default;
        return false;
    }

    public static IEnumerable<string> All => Enum.GetValues<Confidence>().Select(c => c.Name());
}
