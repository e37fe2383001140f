using DjangoPreflight.Core;
using DjangoPreflight.Probe.Grading;

namespace DjangoPreflight.Probe.Tests;

/// <summary>Pins the table documented in src/DjangoPreflight.Probe/Grading/GRADING.md.</summary>
public sealed class ProbeGradeTests
{
    private static Finding F(Severity s) => new("DPL99", null, s, "t", "m", SourceLocation.ForUrl("http://x/"), null, Confidence.Certain);

    private static ProbeGrade.Result Grade(params Severity[] severities) =>
        ProbeGrade.Compute(severities.Select(F).ToList(), new ProbeObservations(new Uri("http://x/")));

    [Theory]
    [InlineData(new Severity[0], 100, "A+")]
    [InlineData(new[] { Severity.Info, Severity.Info }, 100, "A+")]
    [InlineData(new[] { Severity.Low }, 95, "A")]
    [InlineData(new[] { Severity.Low, Severity.Low, Severity.Low }, 85, "A-")]
    [InlineData(new[] { Severity.Medium }, 85, "A-")]
    [InlineData(new[] { Severity.Medium, Severity.Low }, 80, "B+")]
    [InlineData(new[] { Severity.High }, 75, "B")]
    [InlineData(new[] { Severity.High, Severity.Low, Severity.Low }, 65, "B-")]
    [InlineData(new[] { Severity.High, Severity.Medium }, 60, "C+")]
    [InlineData(new[] { Severity.Critical }, 50, "C")]
    [InlineData(new[] { Severity.Critical, Severity.Low }, 45, "C-")]
    [InlineData(new[] { Severity.Critical, Severity.Low, Severity.Low }, 40, "D+")]
    [InlineData(new[] { Severity.Critical, Severity.Medium }, 35, "D")]
    [InlineData(new[] { Severity.Critical, Severity.Low, Severity.Low, Severity.Low, Severity.Low, Severity.Low }, 25, "D-")]
    [InlineData(new[] { Severity.Critical, Severity.High }, 25, "D-")]
    [InlineData(new[] { Severity.Critical, Severity.High, Severity.Low }, 20, "F")]
    [InlineData(new[] { Severity.Critical, Severity.Critical, Severity.Critical }, 0, "F")]
    public void PenaltiesAndScale(Severity[] severities, int score, string grade)
    {
        var r = Grade(severities);
        Assert.Equal(score, r.Score);
        Assert.Equal(grade, r.Grade);
    }

    [Fact]
    public void ExplanationShowsTheArithmetic() =>
        Assert.Equal("grade C+: score 60 = 100, -25: 1 high finding, -15: 1 medium finding", Grade(Severity.Medium, Severity.High).Explanation);

    [Fact]
    public void BonusesNeedAScoreOfNinety()
    {
        // An unanswered home page earns no "no sign of Django" bonus either: nothing was seen.
        Assert.Equal("grade A: score 95 = 100, -5: 1 low finding", Grade(Severity.Low).Explanation);
    }
}
