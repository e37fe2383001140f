namespace DjangoPreflight.Core;

/// <summary>A rule's documentation, shown by <c>explain</c>, the docs and SARIF help.
/// <paramref name="Why"/>: why it matters; <paramref name="Fix"/>: what to do;
/// <paramref name="Before"/>/<paramref name="After"/>: a short example of the problem and its fix.</summary>
public sealed record RuleDocs(string Why, string Fix, string Before, string After);
