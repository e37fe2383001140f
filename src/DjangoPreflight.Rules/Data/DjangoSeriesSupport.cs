namespace DjangoPreflight.Rules.Data;

/// <summary>
/// When each Django release series stops receiving security fixes, from Django's supported-versions
/// table (https://www.djangoproject.com/download/#supported-versions) and the data README in
/// shared/data (as of October 2026: 6.1, 6.0 and 5.2 LTS supported; 4.2 LTS ended April 2026
/// with 4.2.30). Django announces an end month; the series is taken as supported through the last
/// day of that month. Maintained by hand: add a row when Django publishes a new series' roadmap.
/// </summary>
public static class DjangoSeriesSupport
{
    private static readonly Dictionary<(int Major, int Minor), DateOnly> EndOfLife = new()
    {
        [(1, 8)] = new(2018, 4, 30),
        [(1, 9)] = new(2017, 4, 30),
        [(1, 10)] = new(2017, 12, 31),
        [(1, 11)] = new(2020, 4, 30),
        [(2, 0)] = new(2019, 4, 30),
        [(2, 1)] = new(2019, 12, 31),
        [(2, 2)] = new(2022, 4, 30),
        [(3, 0)] = new(2021, 4, 30),
        [(3, 1)] = new(2021, 12, 31),
        [(3, 2)] = new(2024, 4, 30),
        [(4, 0)] = new(2023, 4, 30),
        [(4, 1)] = new(2023, 12, 31),
        [(4, 2)] = new(2026, 4, 30),
        [(5, 0)] = new(2025, 4, 30),
        [(5, 1)] = new(2025, 12, 31),
        [(5, 2)] = new(2028, 4, 30),
        [(6, 0)] = new(2027, 4, 30),
        [(6, 1)] = new(2027, 12, 31),
    };

    /// <summary>Every series the table names, as (major, minor).</summary>
    public static IEnumerable<(int Major, int Minor)> Series => EndOfLife.Keys;

    // Every series before 1.8 had ended before 1.8 itself did.
    private static readonly DateOnly AncientEnd = new(2015, 4, 1);

    /// <summary>The last day <paramref name="major"/>.<paramref name="minor"/> is supported, or null
    /// for a series newer than this table (unknown, so never reported).</summary>
    public static DateOnly? EndOf(int major, int minor) =>
        EndOfLife.TryGetValue((major, minor), out var end) ? end
        : major < 1 || major == 1 && minor < 8 ? AncientEnd
        : null;
}
