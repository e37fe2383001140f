namespace DjangoPreflight.Core;

/// <summary>One thing a rule found. <see cref="DjangoId"/> is the Django check this finding
/// corresponds to (e.g. <c>security.W018</c>), if any.</summary>
public sealed record Finding(
    string RuleId,
    string? DjangoId,
    Severity Severity,
    string Title,
    string Message,
    SourceLocation Location,
    string? Setting,
    Confidence Confidence)
{
    /// <summary>When this one finding stands for several rules' findings about one value at one location
    /// (one root cause), those findings, this rule's own first; empty otherwise.</summary>
    public IReadOnlyList<Finding> Merged { get; init; } = [];

    /// <summary>True when the finding holds whatever the role of its file: a provider's token is live
    /// in a CI workflow or a test file too, so DeploymentRoleGate does not lower it. Derived from the
    /// message's subject, so equality does not compare it.</summary>
    public bool HoldsInAnyFile { get; init; }

    /// <summary>The findings this one stands for: itself, or those merged into it. Suppressions and
    /// baselines match each of them, so every rule ID it names still selects it.</summary>
    public IReadOnlyList<Finding> Constituents => Merged.Count == 0 ? [this] : Merged;

    /// <summary>The other rules this finding also breaks, in the order they are named.</summary>
    public IEnumerable<string> AlsoRules => Merged.Skip(1).Select(f => f.RuleId).Distinct();

    /// <summary>Value equality, <see cref="Merged"/> compared element by element (a record compares lists by reference).</summary>
    public bool Equals(Finding? other) =>
        other is not null && RuleId == other.RuleId && DjangoId == other.DjangoId && Severity == other.Severity && Title == other.Title
        && Message == other.Message && Location == other.Location && Setting == other.Setting && Confidence == other.Confidence
        && Merged.SequenceEqual(other.Merged);

    public override int GetHashCode() => HashCode.Combine(RuleId, Location, Message, Setting);
}
