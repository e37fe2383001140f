using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Dependencies;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>The targeted Django version (null when unknown) and the reason it was chosen.</summary>
public sealed partial record DjangoTarget(DjangoVersion? Version, string Reason)
{
    /// <summary>
    /// <c>--django-version</c> wins; else a lock file's version; else an exact pin; else the lowest version
    /// the declared specifier allows (the oldest release the project claims to work with, whose checks
    /// and defaults are the ones that matter). Ties go to the file nearest the root, then by path.
    /// </summary>
    public static DjangoTarget Load(ProjectContext project)
    {
        if (project.Options.DjangoVersion is { } given)
            return TryParseLeading(given) is { } v
                ? new DjangoTarget(v, $"from --django-version {given}")
                : new DjangoTarget(null, $"--django-version '{given}' is not a version");
        var declared = project.Dependencies.Find("django")
            .OrderBy(d => d.FromLock ? 0 : d.Pinned is not null ? 1 : 2)
            .ThenBy(d => d.Source.Path?.Count(c => c == '/') ?? 0)
            .ThenBy(d => d.Source.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Source.Line)
            .ToList();
        foreach (var d in declared)
        {
            var text = d.Pinned ?? VersionSpecifier.LowestAllowed(d.Specifier);
            if (text is null || TryParseLeading(text) is not { } version) continue;
            var how = d.FromLock ? $"locked {d.Pinned}" : d.Pinned is not null ? $"django{d.Specifier}" : $"lowest allowed by django{d.Specifier}";
            return new DjangoTarget(version, $"from {d.Source} ({how})");
        }
        return declared.Count > 0
            ? new DjangoTarget(null, $"Django is declared in {declared[0].Source} without a version")
            : new DjangoTarget(null, "no Django version found in the dependency files");
    }

    /// <summary>"4.2.11", "5.0rc1" or "4.2" as a version (pre-release suffixes dropped); "4" as 4.0.</summary>
    public static DjangoVersion? TryParseLeading(string text)
    {
        var m = LeadingVersion().Match(text.Trim());
        if (!m.Success) return null;
        var minor = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var patch = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new DjangoVersion(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), minor, patch);
    }

    [GeneratedRegex(@"^v?(\d{1,4})(?:\.(\d{1,4}))?(?:\.(\d{1,6}))?", RegexOptions.NonBacktracking)]
    private static partial Regex LeadingVersion();
}
