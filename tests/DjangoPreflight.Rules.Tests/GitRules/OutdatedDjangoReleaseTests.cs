using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Data;
using DjangoPreflight.Rules.Disclosure;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class OutdatedDjangoReleaseTests
{
    private sealed class FixedClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
    }

    private static List<string> Run(string? version, DateOnly today, TempDirectory? dir = null)
    {
        using var own = dir is null ? new TempDirectory() : null;
        var root = (dir ?? own!).Path;
        return RuleHarness.Run(new OutdatedDjangoRelease(new FixedClock(today)), root, new ScanOptions { DjangoVersion = version })
            .Select(RuleHarness.Describe).ToList();
    }

    /// <summary>Advisories whose fix for <paramref name="version"/>'s series came after it, counted
    /// straight from the archive CSV (data/) (not from the embedded data under test).</summary>
    private static int MissingFromArchive(string version)
    {
        DjangoVersion.TryParse(version, out var v);
        var count = 0;
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.Root, "data", "django-security-archive.csv")).Skip(1))
        {
            var fixedIn = line[(line.LastIndexOf(',') + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries);
            if (fixedIn.Any(f => DjangoVersion.TryParse(f, out var fix) && f.Count(c => c == '.') == 2 && fix.Series == v.Series && fix > v))
                count++;
        }
        return count;
    }

    [Fact]
    public void An_old_patch_of_an_ended_series_gets_one_finding_for_both_at_the_requirement_line()
    {
        using var dir = new TempDirectory();
        dir.Write("requirements.txt", "django-environ==0.11.2\nDjango==4.2.8\n");
        var missing = MissingFromArchive("4.2.8");
        Assert.True(missing > 20);
        var since = DjangoSecurityAdvisories.All.Count(a => a.Date > new DateOnly(2026, 4, 30));
        Assert.Equal(
        [
            $"DP211 requirements.txt:2 high/certain: Django 4.2.8 is missing {missing} security fixes released after it (newest: CVE-2026-33033, CVE-2026-33034, CVE-2026-3902); upgrade to 4.2.30 or later. "
            + $"The 4.2 series also reached end of life on 2026-04-30 and gets no security fixes ({since} advisories published since then); move to a supported series (from requirements.txt:2 (django==4.2.8)).",
        ], Run(null, new DateOnly(2026, 9, 20), dir));
    }

    public static TheoryData<string, string, string?> Ranges() => new()
    {
        // The newest release below 5 is a 4.2.x, whose series has ended: what an install resolves to.
        { "requirements.txt", "Django>=3.2.4,<5\n", "DP211 requirements.txt:1 high/certain: Django>=3.2.4,<5 (requirements.txt:1) allows at most 4.2.x: the 4.2 series reached end of life on 2026-04-30 and gets no security fixes (SINCE advisories published since then); move to a supported series." },
        { "pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.10\"\ndjango = \"^4.1\"\n", "DP211 pyproject.toml:3 high/certain: Django ^4.1 (pyproject.toml:3) allows at most 4.2.x: the 4.2 series reached end of life on 2026-04-30 and gets no security fixes (SINCE advisories published since then); move to a supported series." },
        // A bound inside a series caps its patches.
        { "requirements.txt", "Django<=5.2.14\n", "DP211 requirements.txt:1 high/certain: Django<=5.2.14 (requirements.txt:1) allows at most 5.2.14, which is missing 16 security fixes (newest: CVE-2026-77050, CVE-2026-84429, CVE-2026-87890); allow 5.2.18 or later." },
        { "requirements.txt", "Django>=5.2,<5.2.16\n", "DP211 requirements.txt:1 high/certain: Django>=5.2,<5.2.16 (requirements.txt:1) allows at most releases before 5.2.16, which are missing 11 security fixes (newest: CVE-2026-77050, CVE-2026-84429, CVE-2026-87890); allow 5.2.18 or later." },
        // Ranges whose newest release is supported and fully patched: nothing to report.
        { "requirements.txt", "Django>=4.2,<6.2\n", null },
        { "requirements.txt", "Django~=6.0.0\n", null },
        { "requirements.txt", "Django==5.2.*\n", null },
        { "requirements.txt", "Django>=3.2\n", null },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_range_is_judged_by_the_newest_release_it_allows(string file, string text, string? expected)
    {
        using var dir = new TempDirectory();
        dir.Write(file, text);
        var found = Run(null, new DateOnly(2026, 9, 20), dir);
        var since = DjangoSecurityAdvisories.All.Count(a => a.Date > new DateOnly(2026, 4, 30));
        if (expected is null) Assert.Empty(found);
        else Assert.Equal(expected.Replace("SINCE", since.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), Assert.Single(found));
    }

    [Theory]
    // Nothing in production installs from uv.lock (only CI does): production resolves ~=5.2.0 (clean).
    [InlineData(null, "DP211 pyproject.toml:4 low/certain: Django 5.2.17 is missing 4 security fixes released after it")]
    // Near miss: the image runs uv sync, so the lock is what production runs.
    [InlineData("FROM python:3.12-slim\nCOPY pyproject.toml uv.lock ./\nRUN uv sync --frozen\nCMD [\"gunicorn\", \"shop.wsgi\"]\n",
        "DP211 pyproject.toml:4 high/certain: Django 5.2.17 is missing 4 security fixes released after it")]
    public void A_lock_production_does_not_install_from_is_the_development_version(string? dockerfile, string expected)
    {
        using var dir = new TempDirectory();
        dir.Write("pyproject.toml", "[project]\nname = \"shop\"\nversion = \"1.0\"\ndependencies = [\"Django~=5.2.0\"]\n");
        dir.Write("uv.lock", "[[package]]\nname = \"django\"\nversion = \"5.2.17\"\n");
        dir.Write(".github/workflows/tests.yml", "jobs:\n  test:\n    steps:\n      - run: uv sync --frozen\n");
        if (dockerfile is not null) dir.Write("Dockerfile", dockerfile);
        var finding = Assert.Single(Run(null, new DateOnly(2026, 10, 20), dir));
        Assert.StartsWith(expected, finding);
        if (dockerfile is null) Assert.EndsWith("no production deployment file installs from uv.lock, so this is the development and CI version, not necessarily production's.", finding);
    }

    [Fact]
    public void A_full_version_on_the_command_line_is_exact_and_a_series_is_not()
    {
        Assert.StartsWith("DP211  high/certain: Django 4.2.0 is missing ", Assert.Single(Run("4.2.0", new DateOnly(2026, 9, 20))));
        Assert.StartsWith("DP211  high/certain: Django 4.2 reached end of life", Assert.Single(Run("4.2", new DateOnly(2026, 9, 20))));
    }

    [Fact]
    public void The_newest_patch_of_a_supported_series_is_clean_and_one_behind_is_not()
    {
        // 5.2.18 (October 6, 2026) is newer than the archive CSV (data/) (August 2026): its four fixes
        // come from its release notes in Debian sid's python-django-doc.
        Assert.Empty(Run("5.2.18", new DateOnly(2026, 10, 20)));
        Assert.Equal(
            "DP211  high/certain: Django 5.2.17 is missing 4 security fixes released after it (newest: CVE-2026-77050, CVE-2026-84429, CVE-2026-87890); upgrade to 5.2.18 or later (from --django-version 5.2.17).",
            Assert.Single(Run("5.2.17", new DateOnly(2026, 10, 20))));
        Assert.StartsWith($"DP211  high/certain: Django 5.2.16 is missing {MissingFromArchive("5.2.16") + 4} security fixes released after it",
            Assert.Single(Run("5.2.16", new DateOnly(2026, 10, 20))));
    }

    [Fact]
    public void End_of_life_is_decided_by_the_injected_date_at_the_end_of_the_announced_month()
    {
        Assert.Empty(Run("3.2", new DateOnly(2024, 4, 30)));
        var after = Assert.Single(Run("3.2", new DateOnly(2024, 5, 1)));
        Assert.StartsWith("DP211  high/certain: Django 3.2 reached end of life on 2024-04-30 and gets no security fixes (", after);
    }

    [Fact]
    public void A_series_only_version_cannot_be_compared_with_fixes_and_unknown_series_are_silent()
    {
        // "4.2" could be any 4.2.x: no fix comparison, and 4.2 was still supported in March 2026.
        Assert.Empty(Run("4.2", new DateOnly(2026, 3, 1)));
        Assert.Empty(Run("7.0", new DateOnly(2026, 9, 20)));
        Assert.Empty(Run("6.1", new DateOnly(2026, 9, 20)));
        var ancient = Assert.Single(Run("1.4", new DateOnly(2026, 9, 20)));
        Assert.StartsWith("DP211  high/certain: Django 1.4 reached end of life on 2015-04-01", ancient);
    }

    [Fact]
    public void Without_a_known_version_nothing_fires()
    {
        using var dir = new TempDirectory();
        var findings = RuleHarness.Run(new OutdatedDjangoRelease(new FixedClock(new DateOnly(2026, 9, 20))), dir.Path);
        Assert.Empty(findings);
    }
}
