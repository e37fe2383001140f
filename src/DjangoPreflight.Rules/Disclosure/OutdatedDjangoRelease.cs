using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Data;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP211: the pinned Django release has known security fixes after it, or its series is end-of-life.</summary>
public sealed class OutdatedDjangoRelease : ProjectRule
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
        if (target.Version is not { } version) yield break;
        var (pinned, seriesKnown, location) = Pin(project, version);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

        // Only an exact release can be compared with fixed-in releases: "Django>=4.2" may be any 4.2.x.
        if (pinned)
        {
            var missing = DjangoSecurityAdvisories.All
                .Select(a => (Advisory: a, Fix: a.FixFor(version)))
                .Where(x => x.Fix is { } fix && fix > version)
                .ToList();
            if (missing.Count > 0)
            {
                var latest = missing.Max(x => x.Fix!.Value);
                var ids = missing.OrderByDescending(x => x.Advisory.Date).ThenBy(x => x.Advisory.Id, StringComparer.Ordinal)
                    .Select(x => x.Advisory.Id).Take(3);
                yield return Finding(
                    $"Django {version} is missing {missing.Count} security fix{(missing.Count == 1 ? "" : "es")} released after it "
                    + $"(newest: {string.Join(", ", ids)}); upgrade to {latest} or later ({target.Reason}).",
                    location);
            }
        }

        if (DjangoSeriesSupport.EndOf(version.Major, version.Minor) is { } end && end < today)
        {
            var since = DjangoSecurityAdvisories.All.Count(a => a.Date > end);
            yield return Finding(
                $"Django {version.Series} reached end of life on {end:yyyy-MM-dd} and gets no security fixes"
                + (since > 0 ? $" ({since} advisor{(since == 1 ? "y" : "ies")} published since then)" : "")
                + $"; move to a supported series ({target.Reason}).",
                location,
                // A range's lowest version may not be what is installed; a pin, a lock or --django-version is.
                seriesKnown ? Confidence.Certain : Confidence.Medium);
        }
    }

    /// <summary>Whether the targeted version is an exact release (a pin, a lock entry, or a full
    /// --django-version), whether at least its series is certain (those, or a series given on the
    /// command line), and the dependency line that declares Django, where findings point.</summary>
    private static (bool Exact, bool SeriesKnown, SourceLocation Location) Pin(ProjectContext project, DjangoVersion version)
    {
        var declared = project.Dependencies.Find("django");
        var location = declared.OrderBy(d => d.FromLock ? 1 : 0).Select(d => d.Source).FirstOrDefault() ?? SourceLocation.None;
        if (project.Options.DjangoVersion is { } given)
            return (given.Trim().Count(c => c == '.') == 2, true, location);
        var exact = declared.FirstOrDefault(d => d.Pinned is { } p && DjangoTarget.TryParseLeading(p) == version && p.Count(c => c == '.') == 2);
        return exact is null ? (false, false, location) : (true, true, exact.FromLock ? location : exact.Source);
    }
}
