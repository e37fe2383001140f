namespace DjangoPreflight.Core;

/// <summary>Where a finding was seen: a file position (path relative to the scanned root, with '/')
/// or, for the live probe, a URL. Line and column are 1-based; column is optional.</summary>
public sealed record SourceLocation(string? Path, int? Line = null, int? Column = null, string? Url = null)
{
    public static SourceLocation ForUrl(string url) => new(null, Url: url);

    public static readonly SourceLocation None = new((string?)null);

    public override string ToString() =>
        Url ?? (Path is null ? "" : Line is null ? Path : Column is null ? $"{Path}:{Line}" : $"{Path}:{Line}:{Column}");
}
