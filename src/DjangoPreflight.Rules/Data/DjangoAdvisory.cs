using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Rules.Data;

/// <summary>One Django security advisory and the releases (one per series) that fixed it.</summary>
public sealed record DjangoAdvisory(string Id, DateOnly Date, IReadOnlyList<string> FixedIn)
{
    /// <summary>The release of <paramref name="version"/>'s series that fixed this advisory, if the
    /// series got a fix.</summary>
    public DjangoVersion? FixFor(DjangoVersion version)
    {
        foreach (var text in FixedIn)
            if (DjangoVersion.TryParse(text, out var fix) && fix.Major == version.Major && fix.Minor == version.Minor)
                return fix;
        return null;
    }
}
