namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>A PEP 508 requirement string reduced to what we use: name, version specifier, pinned version.</summary>
public sealed record Requirement(string Name, string Specifier, string? Pinned)
{
    /// <summary>Parses "Name[extra1,extra2] >=1.0, <2 ; python_version >= '3.8'" or "name @ https://...";
    /// null when the text does not start with a distribution name.</summary>
    public static Requirement? Parse(string text)
    {
        var s = text.Trim();
        var marker = s.IndexOf(';');
        if (marker >= 0) s = s[..marker].TrimEnd();
        var i = 0;
        while (i < s.Length && PackageName.IsNameChar(s[i])) i++;
        if (i == 0 || !char.IsAsciiLetterOrDigit(s[0])) return null;
        var name = s[..i];
        var rest = s[i..].TrimStart();
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) return null;
            rest = rest[(close + 1)..].TrimStart();
        }
        if (rest.StartsWith('@')) return new Requirement(PackageName.Normalize(name), "", null); // a direct URL: no version
        if (rest.StartsWith('(') && rest.EndsWith(')')) rest = rest[1..^1].Trim();
        if (rest.Length > 0 && !"<>=!~".Contains(rest[0])) return null;
        var specifier = string.Join(",", rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Replace(" ", "", StringComparison.Ordinal)));
        return new Requirement(PackageName.Normalize(name), specifier, VersionSpecifier.ExactPin(specifier));
    }
}
