namespace DjangoPreflight.Core;

/// <summary>Small pieces of English for messages.</summary>
public static class Prose
{
    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string And(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
