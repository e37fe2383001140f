namespace DjangoPreflight.Core;

/// <summary>
/// The root of every rule. Concrete rules derive from a context-specific base (ProjectRule in
/// DjangoPreflight.Rules, LiveRule in DjangoPreflight.Probe); a source generator registers every
/// concrete subclass, so adding a rule means adding its file only.
/// </summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    /// <summary>Builds a finding of this rule; severity defaults to the rule's own. A low-confidence
    /// finding is never critical or high (<see cref="FailGate.Cap"/>), whatever the rule asks.</summary>
    protected Finding Finding(
        string message,
        SourceLocation location,
        Confidence confidence = Confidence.Certain,
        string? setting = null,
        Severity? severity = null,
        string? djangoId = null) =>
        new(Descriptor.Id,
            djangoId ?? (Descriptor.DjangoIds.Count == 1 ? Descriptor.DjangoIds[0] : null),
            FailGate.Cap(severity ?? Descriptor.DefaultSeverity, confidence),
            Descriptor.Title,
            message,
            location,
            setting,
            confidence);

    /// <summary>A finding beyond the Django checks the rule mirrors: it carries no Django ID, so it is
    /// not presented as Django's and SILENCED_SYSTEM_CHECKS does not hide it.</summary>
    protected Finding FindingBeyondDjango(
        string message,
        SourceLocation location,
        Confidence confidence = Confidence.Certain,
        string? setting = null,
        Severity? severity = null) =>
        Finding(message, location, confidence, setting, severity) with { DjangoId = null };
}
