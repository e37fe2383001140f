namespace DjangoPreflight.Core;

/// <summary>The one deterministic order of findings in every output: by location, then rule, then message.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    public static readonly FindingOrder Instance = new();

    /// <summary>Most severe first, then <see cref="Instance"/>'s order: for formats a person reads top down.</summary>
    public static readonly IComparer<Finding> SeverityFirst = Comparer<Finding>.Create((x, y) =>
    {
        var c = y.Severity.CompareTo(x.Severity);
        return c != 0 ? c : Instance.Compare(x, y);
    });

    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.CompareOrdinal(x.Location.Path ?? x.Location.Url, y.Location.Path ?? y.Location.Url);
        if (c != 0) return c;
        c = Nullable.Compare(x.Location.Line, y.Location.Line);
        if (c != 0) return c;
        c = Nullable.Compare(x.Location.Column, y.Location.Column);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.RuleId, y.RuleId);
        return c != 0 ? c : string.CompareOrdinal(x.Message, y.Message);
    }
}
