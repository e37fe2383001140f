namespace DjangoPreflight.Analysis.Dependencies;

/// <summary>What a version constraint says about the versions it allows: PEP 440 specifiers
/// ("==4.2.11", "&gt;=4.2,&lt;5", "~=4.2.0", "==4.2.*") and Poetry's ("^4.2", "~4.2", "4.2.11", "*").</summary>
public static class VersionSpecifier
{
    /// <summary>The version an exact pin (==X or ===X, without a wildcard) names; else null.</summary>
    public static string? ExactPin(string specifier)
    {
        var clauses = Clauses(specifier);
        foreach (var c in clauses)
        {
            var v = c.StartsWith("===", StringComparison.Ordinal) ? c[3..] : c.StartsWith("==", StringComparison.Ordinal) ? c[2..] : null;
            if (v is not null && !v.Contains('*') && v.Length > 0) return v;
        }
        // Poetry: a bare version is an exact pin.
        return clauses.Count == 1 && clauses[0].Length > 0 && char.IsAsciiDigit(clauses[0][0]) && !clauses[0].Contains('*') ? clauses[0] : null;
    }

    /// <summary>The lowest version the constraint allows, as "major.minor[.patch]", or null when it has no
    /// lower bound. "&gt;X" is reported as X: the lowest release above it is in the same series in practice.</summary>
    public static string? LowestAllowed(string specifier)
    {
        if (ExactPin(specifier) is { } pin) return pin;
        string? lowest = null;
        foreach (var c in Clauses(specifier))
        {
            string? bound = c switch
            {
                _ when c.StartsWith(">=", StringComparison.Ordinal) => c[2..],
                _ when c.StartsWith("~=", StringComparison.Ordinal) => c[2..],
                _ when c.StartsWith("==", StringComparison.Ordinal) => c[2..].Replace(".*", "", StringComparison.Ordinal),
                _ when c.StartsWith('>') => c[1..],
                _ when c.StartsWith('^') => c[1..],
                _ when c.StartsWith('~') => c[1..],
                _ => null,
            };
            if (bound is null || bound.Length == 0 || !char.IsAsciiDigit(bound[0])) continue;
            if (lowest is null || Compare(bound, lowest) > 0) lowest = bound;
        }
        return lowest;
    }

    /// <summary>The tightest upper bound the constraint sets, as "major[.minor[.patch]]" and whether that
    /// version itself is allowed, or null when it allows every newer release. "~=4.2.0" and "==4.2.*" end
    /// below 4.3, "~=4.2" below 5, Poetry's "^4.2" below 5 and "~4.2" below 4.3.</summary>
    public static (string Version, bool Inclusive)? HighestAllowed(string specifier)
    {
        if (ExactPin(specifier) is { } pin) return (pin, true);
        (string Version, bool Inclusive)? tightest = null;
        foreach (var c in Clauses(specifier))
        {
            (string, bool)? bound = c switch
            {
                _ when c.StartsWith("<=", StringComparison.Ordinal) => (c[2..], true),
                _ when c.StartsWith('<') => (c[1..], false),
                _ when c.StartsWith("~=", StringComparison.Ordinal) => (Bump(c[2..], Parts(c[2..]) - 2), false),
                _ when c.StartsWith("==", StringComparison.Ordinal) && c.EndsWith(".*", StringComparison.Ordinal) => (Bump(c[2..^2], Parts(c[2..^2]) - 1), false),
                _ when c.StartsWith('^') => (Bump(c[1..], 0), false),
                _ when c.StartsWith('~') => (Bump(c[1..], Math.Min(1, Parts(c[1..]) - 1)), false),
                _ => null,
            };
            if (bound is not { } b || b.Item1.Length == 0 || !char.IsAsciiDigit(b.Item1[0])) continue;
            var order = tightest is { } t ? Compare(b.Item1, t.Version) : -1;
            if (order < 0 || order == 0 && !b.Item2) tightest = b;
        }
        return tightest;
    }

    private static int Parts(string version) => version.Split('.').Length;

    /// <summary>The version with part <paramref name="index"/> raised by one and the rest dropped: "4.2.0", 1 → "4.3".</summary>
    private static string Bump(string version, int index)
    {
        var parts = version.Split('.');
        index = Math.Clamp(index, 0, parts.Length - 1);
        return string.Join('.', parts.Take(index).Append((Leading(parts[index]) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static List<string> Clauses(string specifier) =>
        specifier.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Replace(" ", "", StringComparison.Ordinal)).Where(c => c != "*").ToList();

    /// <summary>Compares dotted numeric versions; a non-numeric part (rc1, post1) compares as its leading digits.</summary>
    private static int Compare(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var p = i < x.Length ? Leading(x[i]) : 0;
            var q = i < y.Length ? Leading(y[i]) : 0;
            if (p != q) return p.CompareTo(q);
        }
        return 0;
    }

    private static int Leading(string part)
    {
        var digits = new string(part.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var n) ? n : 0;
    }
}
