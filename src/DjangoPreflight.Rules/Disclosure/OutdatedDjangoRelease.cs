using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Data;

namespace DjangoPreflight.Rules.Disclosure;

/// <summary>DP211: the pinned Django release has known security fixes after it, or its series is end-of-life.</summary>
public sealed partial class OutdatedDjangoRelease : ProjectRule
{
    private static readonly string[] DependencyFileNames = ["pyproject.toml", "Pipfile", "setup.cfg", "setup.py", "poetry.lock", "uv.lock", "Pipfile.lock"];

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
                Django==5.2.17
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        if (project.Django.Version is not { } version) yield break;
        var location = LocateDjangoRequirement(project);
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

        // Only a pinned patch release can be compared with fixed-in releases; "4.2" alone cannot.
        if (version.Patch > 0)
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
                    + $"(newest: {string.Join(", ", ids)}); upgrade to {latest} or later ({project.Django.Reason}).",
                    location);
            }
        }

        if (DjangoSeriesSupport.EndOf(version.Major, version.Minor) is { } end && end < today)
        {
            var since = DjangoSecurityAdvisories.All.Count(a => a.Date > end);
            yield return Finding(
                $"Django {version.Series} reached end of life on {end:yyyy-MM-dd} and gets no security fixes"
                + (since > 0 ? $" ({since} advisor{(since == 1 ? "y" : "ies")} published since then)" : "")
                + $"; move to a supported series ({project.Django.Reason}).",
                location);
        }
    }

    /// <summary>The dependency line that pins Django, where the finding should point; the file alone or
    /// nothing when none is found (e.g. the version came from --django-version).</summary>
    private static SourceLocation LocateDjangoRequirement(ProjectContext project)
    {
        var candidates = project.Files.All
            .Where(p => ProjectFiles.FileName(p) is var n && (n.StartsWith("requirements", StringComparison.Ordinal) && n.EndsWith(".txt", StringComparison.Ordinal) || DependencyFileNames.Contains(n)))
            .OrderBy(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal);
        foreach (var path in candidates)
        {
            if (project.Files.ReadText(path) is not { } text) continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
                if (DjangoRequirement().IsMatch(lines[i]))
                    return new SourceLocation(path, i + 1);
        }
        return SourceLocation.None;
    }

    [GeneratedRegex("""^\s*["']?django\s*(?:[=~<>!]=?|\[|")""", RegexOptions.IgnoreCase)]
    private static partial Regex DjangoRequirement();
}
