using DjangoPreflight.Rules.Secrets;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class SecretInDeploymentFileTests
{
    [Fact]
    public void Literal_secrets_in_tracked_compose_dockerfile_and_readme_fire_at_their_lines()
    {
        using var repo = new GitSandbox();
        repo.Write("docker-compose.yml", """
            services:
              db:
                image: postgres:16
                environment:
                  POSTGRES_PASSWORD: postgres
              web:
                environment:
                  - DATABASE_URL=postgres://shop:9fQ2-xL7zz@db/shop
                  - SECRET_KEY=${SECRET_KEY}
            """);
        repo.Write("Dockerfile", $"FROM python:3.12\nARG DJANGO_SECRET_KEY={SecretInGitHistoryTests.Key}\nRUN SECRET_KEY=dummy-for-build python manage.py collectstatic\n");
        repo.Write("README.md", "Run with `SECRET_KEY=your-secret-key-here`.\nProduction Sentry: https://0a1b2c3d4e:9f8e7d6c5b@sentry.io/42\n");
        repo.Write(".github/workflows/ci.yml", "env:\n  SECRET_KEY: ${{ secrets.SECRET_KEY }}\n  POSTGRES_PASSWORD: password\n");
        repo.Commit("deploy files");

        var findings = RuleHarness.Run(new SecretInDeploymentFile(), repo.Root).Select(RuleHarness.Describe).ToList();
        Assert.Equal(
        [
            "DP109 Dockerfile:2 high/certain: SECRET_KEY k3#x… (50 chars) is written in plain text in Dockerfile, which git tracks.",
            "DP109 README.md:2 low/medium: Sentry DSN with secret key 9f8e… (10 chars) is written in plain text in README.md, which git tracks; it is in documentation, whose values are examples to copy, not a file production reads.",
            "DP109 docker-compose.yml:8 high/certain: postgres:// URL password 9fQ2… (10 chars) is written in plain text in docker-compose.yml, which git tracks.",
        ], findings);
    }

    [Fact]
    public void A_readme_example_is_low_a_random_value_medium_and_the_compose_file_beside_it_stays_high()
    {
        using var repo = new GitSandbox();
        repo.Write("deploy/README.md", """
            Run the image against a local object store:

                docker run -e S3_SECRET_KEY=bucketorchard-pw -e S3_ACCESS_SECRET=Hx4pN8qW2zR6tY9mK3vB7cL5 shop
                DATABASE_URL=postgres://shop:Vb7kQ2mX9wLp4z@db.internal/shop
            """);
        repo.Write("deploy/docker-compose.yml", "services:\n  web:\n    environment:\n      S3_ACCESS_SECRET: Hx4pN8qW2zR6tY9mK3vB7cL5\n");
        repo.Commit("deploy");

        var findings = RuleHarness.Run(new SecretInDeploymentFile(), repo.Root).Select(RuleHarness.Describe).ToList();
        Assert.Equal(
        [
            "DP109 deploy/README.md:3 low/medium: secret key (S3_SECRET_KEY) buck… (16 chars) is written in plain text in deploy/README.md, which git tracks; it is in documentation, whose values are examples to copy, not a file production reads.",
            "DP109 deploy/README.md:3 medium/medium: secret (S3_ACCESS_SECRET) Hx4p… (24 chars) is written in plain text in deploy/README.md, which git tracks; it is in documentation, whose values are examples to copy, but has the shape of a real credential: rotate it if it ever was one.",
            "DP109 deploy/README.md:4 medium/medium: postgres:// URL password Vb7k… (14 chars) is written in plain text in deploy/README.md, which git tracks; it is in documentation, whose values are examples to copy, but has the shape of a real credential: rotate it if it ever was one.",
            "DP109 deploy/docker-compose.yml:4 high/certain: secret (S3_ACCESS_SECRET) Hx4p… (24 chars) is written in plain text in deploy/docker-compose.yml, which git tracks.",
        ], findings);
    }

    [Fact]
    public void A_phrase_on_the_database_name_is_a_published_default_low_here_and_not_a_secret_in_history()
    {
        // The example compose file a project ships: the root password spells its database's name and a
        // slogan in leetspeak, renamed with the project. Nothing to rotate, but a deployment that keeps it
        // runs with a password every reader knows.
        using var repo = new GitSandbox();
        const string compose = "services:\n  db:\n    image: mariadb:11\n    environment:\n      MYSQL_ROOT_PASSWORD: {0}-1s-gr3at\n      MYSQL_DATABASE: {0}\n      MYSQL_USER: {0}\n  web:\n    build: .\n";
        repo.Write("docker-compose.yml", string.Format(compose, "ledgr"));
        repo.Commit("compose example");
        repo.Write("docker-compose.yml", string.Format(compose, "ledger"));
        repo.Commit("rename the project");

        var findings = RuleHarness.Run(new SecretInDeploymentFile(), repo.Root).Select(RuleHarness.Describe).ToList();
        Assert.Equal(
        [
            "DP109 docker-compose.yml:5 low/certain: password (MYSQL_ROOT_PASSWORD) ledg… (15 chars) is written in plain text in docker-compose.yml, which git tracks;"
            + " it is a default the project publishes (a phrase on the name the file gives its database or user), not a leaked secret: a deployment that keeps it runs with a password every reader knows, so set your own.",
        ], findings);
        Assert.Empty(RuleHarness.Run(new SecretInGitHistory(), repo.Root));
    }

    [Fact]
    public void An_untracked_deployment_file_in_a_repository_is_not_this_rule()
    {
        using var repo = new GitSandbox();
        repo.Write("manage.py", "\n");
        repo.Commit("start");
        repo.Write("docker-compose.override.yml", "services:\n  web:\n    environment:\n      DB_PASSWORD: Tr0ub4dor-horse-77\n");
        Assert.Empty(RuleHarness.Run(new SecretInDeploymentFile(), repo.Root));
    }

    [Fact]
    public void Without_a_repository_files_on_disk_count_at_high_confidence()
    {
        using var dir = new GitSandbox(init: false);
        dir.Write("Procfile", "web: DB_PASSWORD=Tr0ub4dor-horse-77 gunicorn shop.wsgi\n");
        var finding = Assert.Single(RuleHarness.Run(new SecretInDeploymentFile(), dir.Root));
        Assert.Equal("DP109 Procfile:1 high/high: password (DB_PASSWORD) Tr0u… (18 chars) is written in plain text in Procfile.", RuleHarness.Describe(finding));
    }
}

public class SecretInDeploymentFileContextTests
{
    [Fact]
    public void A_compose_default_is_reported_as_what_production_runs_with_when_unset()
    {
        using var repo = new GitSandbox();
        repo.Write("deployments/community/docker-compose.yml",
            "x-app-env: &app-env\n  DEBUG: ${DEBUG:-0}\n  SECRET_KEY: ${SECRET_KEY:-zausdywin0m3yn8datrs81v0gxz7vtcf77m6iowkhfchryw492}\n");
        repo.Commit("compose");
        Assert.Equal(
            "DP109 deployments/community/docker-compose.yml:3 high/certain: SECRET_KEY zaus… (50 chars) is written in plain text in deployments/community/docker-compose.yml, which git tracks; it is the default of ${SECRET_KEY}, so production runs with it whenever SECRET_KEY is unset.",
            RuleHarness.Describe(Assert.Single(RuleHarness.Run(new SecretInDeploymentFile(), repo.Root))));
    }

    [Fact]
    public void Ci_service_passwords_and_development_compose_files_are_low_with_the_reason()
    {
        using var repo = new GitSandbox();
        repo.Write(".github/workflows/tests.yml", "jobs:\n  test:\n    services:\n      postgres:\n        env:\n          POSTGRES_PASSWORD: U9Ue2ApC0yz1VezgdEsD\n");
        repo.Write("docker-compose.yaml", "# Only meant for local development of the project itself.\nservices:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=U9Ue2ApC0yz1VezgdEsD\n");
        repo.Commit("ci and dev");
        Assert.Equal(
            [
                "DP109 .github/workflows/tests.yml:6 low/certain: password (POSTGRES_PASSWORD) U9Ue… (20 chars) is written in plain text in .github/workflows/tests.yml, which git tracks; it is in a CI file, not a file production reads.",
                "DP109 docker-compose.yaml:5 low/certain: password (POSTGRES_PASSWORD) U9Ue… (20 chars) is written in plain text in docker-compose.yaml, which git tracks; it is in a development file (its header says so), not a file production reads.",
            ],
            RuleHarness.Run(new SecretInDeploymentFile(), repo.Root).Select(RuleHarness.Describe));
    }
}
