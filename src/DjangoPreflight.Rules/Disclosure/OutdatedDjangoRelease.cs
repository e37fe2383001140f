using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Dependencies;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Data;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP211: the pinned Django release has known security fixes after it, or its series is end-of-life.</summary>
public sealed partial class OutdatedDjangoRelease : ProjectRule
{
    private readonly TimeProvider _clock;

    public OutdatedDjangoRelease() : this(TimeProvider.System) { }

    /// <param name="clock">Decides "today" for end-of-life: tests pass a fixed one.</param>
    public OutdatedDjangoRelease(TimeProvider clock) => _clock = clock;

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP211",
        Title: "Django release with known vulnerabilities or past end of life",
        Category: Category.Disclosure,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["002"],
        Docs: new RuleDocs(
            Why: """
                Django publishes every security fix it makes, with the releases that contain it
                (docs/releases/security.txt): once a fix is out, the flaw it fixes is public, and a
                site still on an older release is exposed to it. A series past its end of life gets no
                fixes at all for whatever is found next.
                """,
            Fix: """
                Upgrade to the newest patch release of your series (patch releases contain only fixes
                and are safe to take), and move off an end-of-life series to a supported one, ideally
                the current LTS. Pin the exact version so this check can compare it.
                """,
            Before: """
                Django==4.2.8
                """,
            After: """
                Django==5.2.18
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        var target = project.Django;
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var declared = project.Dependencies.Find("django");
        var location = declared.OrderBy(d => d.FromLock ? 1 : 0).Select(d => d.Source).FirstOrDefault() ?? SourceLocation.None;

        // A pin or a lock names the release exactly; --django-version as precisely as it is written.
        if (project.Options.DjangoVersion is { } given)
        {
            if (target.Version is { } v && Judge(v, given.Trim().Count(c => c == '.') == 2, today) is { } verdict)
                yield return Finding($"{verdict} ({target.Reason}).", location);
            yield break;
        }
        var range = declared.Where(d => !d.FromLock && d.Specifier.Length > 0).OrderBy(d => d.Source.Path?.Count(c => c == '/') ?? 0)
            .ThenBy(d => d.Source.Path, StringComparer.Ordinal).ThenBy(d => d.Source.Line).FirstOrDefault();
        if (declared.FirstOrDefault(d => d.Pinned is { } p && DjangoTarget.TryParseLeading(p) == target.Version && p.Count(c => c == '.') == 2) is { } pin)
        {
            var verdict = Judge(target.Version!.Value, exact: true, today);
            // A lock nothing in production installs from (only CI and developers do), beside a range the
            // package declares: production resolves the range, so the range is judged, and the lock is told at low.
            if (pin.FromLock && range is { Pinned: null } && pin.Source.Path is { } lockPath && !ProductionInstallsFrom(project, lockPath))
            {
                if (verdict is not null)
                    yield return Finding($"{verdict} ({target.Reason}); no production deployment file installs from {lockPath}, so this is the development and CI version, not necessarily production's.",
                        location, severity: Severity.Low);
            }
            else
            {
                if (verdict is not null)
                    yield return Finding($"{verdict} ({target.Reason}).", pin.FromLock ? location : pin.Source);
                yield break;
            }
        }
        // A range is judged by the newest release it allows: that is what an install resolves to.
        if (range is not null && JudgeRange(range.Specifier, today) is { } rangeVerdict)
            yield return Finding($"Django{(range.Specifier[0] is '<' or '>' or '=' or '!' or '~' ? "" : " ")}{range.Specifier} ({range.Source}) {rangeVerdict}", range.Source);
    }

    /// <summary>True when a deployment file that may describe production (not CI) names the lock file or
    /// runs an installer that reads a lock (uv sync, poetry install, pipenv install/sync, pdm install/sync).
    /// With no deployment file at all, nothing shows production installing from it either.</summary>
    private static bool ProductionInstallsFrom(ProjectContext project, string lockPath)
    {
        var lockName = System.IO.Path.GetFileName(lockPath);
        return project.Deployment.Files.Any(f => f.Kind != DeploymentKind.CI && f.Role.SpeaksForProduction()
            && project.Files.ReadText(f.Path) is { } text
            && (text.Contains(lockName, StringComparison.Ordinal) || LockInstaller().IsMatch(text)));
    }

    [GeneratedRegex(@"\b(uv\s+sync|poetry\s+install|pipenv\s+(install|sync)|pdm\s+(install|sync))\b", RegexOptions.NonBacktracking)]
    private static partial Regex LockInstaller();

    /// <summary>What is wrong with release <paramref name="version"/>: the fixes released after it in its
    /// series (only when <paramref name="exact"/>: "4.2" may be any 4.2.x), and its series' end of life;
    /// one sentence for both, or null when neither applies.</summary>
    private static string? Judge(DjangoVersion version, bool exact, DateOnly today)
    {
        var fixes = exact && Missing(version, after: true) is { Count: > 0 } missing
            ? $"Django {version.Major}.{version.Minor}.{version.Patch} is missing {Fixes(missing)} released after it (newest: {Newest(missing)}); upgrade to {missing.Max(x => x.Fix)} or later"
            : null;
        return Join(fixes, EndOfLife(version, today), $"Django {version.Series}", version.Series);
    }

    /// <summary>One sentence for missing fixes, end of life, or both (one cause: one release, one finding).</summary>
    private static string? Join(string? fixes, string? ended, string subject, string series) => (fixes, ended) switch
    {
        (null, null) => null,
        (_, null) => fixes,
        (null, _) => $"{subject} {ended}; move to a supported series",
        _ => $"{fixes}. The {series} series also {ended}; move to a supported series",
    };

    /// <summary>The newest release the range allows: the newest known series below its upper bound, with
    /// the patch bound when the bound falls inside that series. Null when nothing is wrong with it.</summary>
    private static string? JudgeRange(string specifier, DateOnly today)
    {
        if (VersionSpecifier.HighestAllowed(specifier) is not var (text, inclusive) || DjangoTarget.TryParseLeading(text) is not { } bound)
            return null; // no upper bound: the range allows the newest release
        var series = KnownSeries().Where(s => inclusive ? s <= bound : s < bound).DefaultIfEmpty().Max();
        if (series == default) return null;
        // The bound caps patches only inside its own series and only when it names a patch ("<5.2.15", "<=5.2.14").
        var capped = bound.Major == series.Major && bound.Minor == series.Minor && text.Count(c => c == '.') == 2;
        var newest = capped ? (inclusive ? bound.ToString() : $"releases before {bound}") : $"{series.Series}.x";
        var fixes = capped && Missing(bound, after: inclusive) is { Count: > 0 } missing
            ? $"allows at most {newest}, which {(inclusive ? "is" : "are")} missing {Fixes(missing)} (newest: {Newest(missing)}); allow {missing.Max(x => x.Fix)} or later"
            : null;
        return Join(fixes, EndOfLife(series, today), $"allows at most {newest}: the {series.Series} series", series.Series) is { } verdict ? verdict + "." : null;
    }

    /// <summary>Advisories fixed in <paramref name="version"/>'s series after it (or from it on, when
    /// <paramref name="after"/> is false: the version itself is excluded by the range).</summary>
    private static List<(DjangoAdvisory Advisory, DjangoVersion Fix)> Missing(DjangoVersion version, bool after) =>
        DjangoSecurityAdvisories.All
            .Select(a => (Advisory: a, Fix: a.FixFor(version)))
            .Where(x => x.Fix is { } fix && (after ? fix > version : fix >= version))
            .Select(x => (x.Advisory, x.Fix!.Value))
            .ToList();

    private static string Fixes(List<(DjangoAdvisory Advisory, DjangoVersion Fix)> missing) =>
        $"{missing.Count} security fix{(missing.Count == 1 ? "" : "es")}";

    private static string Newest(List<(DjangoAdvisory Advisory, DjangoVersion Fix)> missing) =>
        string.Join(", ", missing.OrderByDescending(x => x.Advisory.Date).ThenBy(x => x.Advisory.Id, StringComparer.Ordinal).Select(x => x.Advisory.Id).Take(3));

    /// <summary>"reached end of life on 2026-04-30 and gets no security fixes (15 advisories published since then)", or null.</summary>
    private static string? EndOfLife(DjangoVersion version, DateOnly today)
    {
        if (DjangoSeriesSupport.EndOf(version.Major, version.Minor) is not { } end || end >= today) return null;
        var since = DjangoSecurityAdvisories.All.Count(a => a.Date > end);
        return $"reached end of life on {end:yyyy-MM-dd} and gets no security fixes"
            + (since > 0 ? $" ({since} advisor{(since == 1 ? "y" : "ies")} published since then)" : "");
    }

    /// <summary>Every series the data knows, as X.Y.0.</summary>
    private static IEnumerable<DjangoVersion> KnownSeries() =>
        DjangoSeriesSupport.Series.Concat(DjangoSecurityAdvisories.All.SelectMany(a => a.FixedIn)
                .Select(f => DjangoVersion.TryParse(f, out var v) ? (v.Major, v.Minor) : (0, 0)))
            .Where(s => s.Item1 > 0).Distinct().Select(s => new DjangoVersion(s.Item1, s.Item2));
}
