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
    Confidence Confidence);
