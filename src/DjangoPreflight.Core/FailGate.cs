namespace DjangoPreflight.Core;

/// <summary>Which findings fail a build (exit code 1): those at or above a severity <em>and</em> a
/// confidence. Only facts fail a build: a finding a rule could not decide (low confidence) is shown
/// but does not count unless the user lowers <see cref="MinConfidence"/> to low.</summary>
public sealed record FailGate(Severity Threshold, Confidence MinConfidence)
{
    public const Confidence DefaultMinConfidence = Confidence.Medium;

    public bool Fails(Finding finding) => finding.Severity >= Threshold && finding.Confidence >= MinConfidence;

    /// <summary>The severity an undecided finding may have at most: never critical or high.</summary>
    public const Severity UndecidedCeiling = Severity.Medium;

    /// <summary>The severity a finding of <paramref name="confidence"/> is reported at: a low-confidence
    /// finding (the rule met a value it could not decide) is capped at <see cref="UndecidedCeiling"/>.</summary>
    public static Severity Cap(Severity severity, Confidence confidence) =>
        confidence == Confidence.Low && severity > UndecidedCeiling ? UndecidedCeiling : severity;
}
