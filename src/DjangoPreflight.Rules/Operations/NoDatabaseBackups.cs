using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP609: no database backup tooling is evident in the project (advice: backups may well
/// live outside the repository, e.g. a managed database's snapshots).</summary>
public sealed partial class NoDatabaseBackups : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP609",
        Title: "No database backup tooling evident",
        Category: Category.Operations,
        DefaultSeverity: Severity.Info,
        DjangoIds: [],
        Seeds: ["003", "004"],
        Docs: new RuleDocs(
            Why: """
                A deleted table, a bad migration or ransomware is only recoverable from a backup that
                exists, runs on a schedule and has been restored at least once. Nothing in this project
                (dependencies, scripts, cron, compose, CI) dumps the database; if backups are made
                elsewhere (managed database snapshots), make sure they are, and ignore this advice.
                """,
            Fix: """
                Schedule dumps (pg_dump/mysqldump from cron or a compose service, or django-dbbackup's
                `manage.py dbbackup` to object storage), keep copies off the database host, and test a
                restore regularly.
                """,
            Before: """
                # crontab: nothing for the database
                """,
            After: """
                # crontab
                15 3 * * * pg_dump --format=custom "$DATABASE_URL" > /backups/shop-$(date +\%F).dump
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        foreach (var path in project.Files.All.Where(MayMentionBackups))
            if (project.Files.ReadText(path) is { } text && BackupTool().IsMatch(text))
                yield break;
        var settings = project.Settings.Production;
        var location = settings is not null ? settings.LocationOf("DATABASES")
            : project.Files.All.Where(p => ProjectFiles.FileName(p) == "manage.py").Order(StringComparer.Ordinal).FirstOrDefault() is { } manage
                ? new SourceLocation(manage, 1)
                : SourceLocation.None;
        yield return Finding(
            "No database backup tooling found (no django-dbbackup, pg_dump, mysqldump or backup service in the dependencies, scripts, cron, compose or CI files); make sure backups run and restores are tested.",
            location, Confidence.Low);
    }

    /// <summary>Files where backups would be configured: dependencies, scripts, schedulers,
    /// containers, CI, infrastructure code and management commands.</summary>
    private static bool MayMentionBackups(string path)
    {
        var name = ProjectFiles.FileName(path).ToLowerInvariant();
        return name.StartsWith("requirements", StringComparison.Ordinal) || name is "pyproject.toml" or "pipfile" or "setup.cfg" or "setup.py" or "makefile" or "justfile" or "procfile" or "crontab"
            || name.Contains("cron", StringComparison.Ordinal) || name.Contains("backup", StringComparison.Ordinal)
            || name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal)
            || name.EndsWith(".service", StringComparison.Ordinal) || name.EndsWith(".timer", StringComparison.Ordinal) || name.EndsWith(".tf", StringComparison.Ordinal)
            || name.EndsWith(".toml", StringComparison.Ordinal) || FileKinds.IsDockerfile(path) || FileKinds.IsCiFile(path)
            || path.Contains("/management/commands/", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal)
            || path.StartsWith("scripts/", StringComparison.Ordinal) || path.StartsWith("bin/", StringComparison.Ordinal)
            || path.Contains("requirements/", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?i)\b(?:django-dbbackup|dbbackup|pg_dump(?:all)?|pg_basebackup|mysqldump|mariadb-dump|mongodump|pgbackrest|wal-[ge]|barman|litestream|postgres-backup[\w-]*|mysql-backup[\w-]*|restic|borg\s+create)\b", RegexOptions.NonBacktracking)]
    private static partial Regex BackupTool();
}
