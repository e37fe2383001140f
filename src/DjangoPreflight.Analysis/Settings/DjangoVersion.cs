namespace DjangoPreflight.Analysis.Settings;

/// <summary>A Django release (major.minor[.patch]) the project targets.</summary>
public readonly record struct DjangoVersion(int Major, int Minor, int Patch = 0) : IComparable<DjangoVersion>
{
    public int CompareTo(DjangoVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool operator <(DjangoVersion a, DjangoVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(DjangoVersion a, DjangoVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(DjangoVersion a, DjangoVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(DjangoVersion a, DjangoVersion b) => a.CompareTo(b) >= 0;

    /// <summary>The series, e.g. "4.2".</summary>
    public string Series => $"{Major}.{Minor}";

    public override string ToString() => Patch == 0 ? Series : $"{Major}.{Minor}.{Patch}";

    public static bool TryParse(string? text, out DjangoVersion version)
    {
        version = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('.');
        if (parts.Length is < 2 or > 3) return false;
        if (!int.TryParse(parts[0], out var major) || !int.TryParse(parts[1], out var minor)) return false;
        var patch = 0;
        if (parts.Length == 3 && !int.TryParse(parts[2], out patch)) return false;
        version = new DjangoVersion(major, minor, patch);
        return true;
    }
}
