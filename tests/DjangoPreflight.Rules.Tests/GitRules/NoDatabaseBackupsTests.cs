using DjangoPreflight.Rules.Operations;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class NoDatabaseBackupsTests
{
    private static List<string> Run(TempDirectory dir) =>
        RuleHarness.Run(new NoDatabaseBackups(), dir.Path).Select(RuleHarness.Describe).ToList();

    [Fact]
    public void A_project_without_any_backup_tooling_gets_low_confidence_advice()
    {
        using var dir = new TempDirectory();
        dir.Write("manage.py", "import os\n");
        dir.Write("requirements.txt", "Django==5.2.17\npsycopg==3.2.3\n");
        // A README that merely mentions pg_dump is not a backup that runs.
        dir.Write("README.md", "Back up with pg_dump before upgrading.\n");
        Assert.Equal(
            ["DP609 manage.py:1 info/low: No database backup tooling found (no django-dbbackup, pg_dump, mysqldump or backup service in the dependencies, scripts, cron, compose or CI files); make sure backups run and restores are tested."],
            Run(dir));
    }

    [Theory]
    [InlineData("requirements/production.txt", "Django==5.2.17\ndjango-dbbackup==4.2.1\n")]
    [InlineData("docker-compose.yml", "services:\n  backup:\n    image: prodrigestivill/postgres-backup-local:16\n")]
    [InlineData("deploy/crontab", "0 3 * * * pg_dump -Fc shop > /backups/shop.dump\n")]
    [InlineData("scripts/nightly.sh", "#!/bin/sh\nmysqldump shop | gzip > /srv/backups/shop.sql.gz\n")]
    [InlineData(".github/workflows/backup.yml", "jobs:\n  backup:\n    steps:\n      - run: pg_dumpall > all.sql\n")]
    public void Backup_tooling_anywhere_it_would_be_configured_silences_it(string path, string content)
    {
        using var dir = new TempDirectory();
        dir.Write("manage.py", "import os\n");
        dir.Write(path, content);
        Assert.Empty(Run(dir));
    }
}
