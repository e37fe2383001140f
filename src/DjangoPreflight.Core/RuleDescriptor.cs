namespace DjangoPreflight.Core;

/// <summary>What a rule declares about itself. <paramref name="DjangoIds"/> are the Django system
/// checks it mirrors (empty if none); <paramref name="Seeds"/> the seed articles (000..004, "+").</summary>
public sealed record RuleDescriptor(
    string Id,
    string Title,
    Category Category,
    Severity DefaultSeverity,
    IReadOnlyList<string> DjangoIds,
    IReadOnlyList<string> Seeds,
    RuleDocs Docs)
{
    public string? DjangoId => DjangoIds.Count == 0 ? null : string.Join(' ', DjangoIds);
}
