using DjangoPreflight.Rules.Operations;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Rules.Tests.GitRules;

public class NoDeployCheckInCiTests
{
    private const string Workflow = ".github/workflows/ci.yml";

    private static List<string> Run(string root) =>
        RuleHarness.Run(new NoDeployCheckInCi(), root).Select(RuleHarness.Describe).ToList();

    [Fact]
    public void No_ci_at_all_fires()
    {
        using var dir = new TempDirectory();
        dir.Write("manage.py", "\n");
        Assert.Equal(
            ["DP610  low/medium: No CI configuration found (GitHub Actions, GitLab CI, CircleCI, Bitbucket, Jenkins, Azure Pipelines, Travis): nothing runs `manage.py check --deploy` before a release."],
            Run(dir.Path));
    }

    [Theory]
    [InlineData(Workflow, "jobs:\n  test:\n    steps:\n      - run: python manage.py check --deploy --fail-level WARNING\n")]
    [InlineData(".gitlab-ci.yml", "deploy_check:\n  script:\n    - django-admin check --settings=shop.settings.production --deploy\n")]
    [InlineData("Jenkinsfile", "pipeline { stages { stage('audit') { steps { sh 'django-preflight scan . --fail-on high' } } } }\n")]
    [InlineData("bitbucket-pipelines.yml", "pipelines:\n  default:\n    - step:\n        script:\n          - python -m django check --deploy\n")]
    public void A_deploy_check_in_any_ci_system_satisfies_it(string path, string content)
    {
        using var dir = new TempDirectory();
        dir.Write(path, content);
        Assert.Empty(Run(dir.Path));
    }

    [Theory]
    [InlineData("      - run: python manage.py check\n      - run: python manage.py test\n")]
    [InlineData("      # - run: python manage.py check --deploy\n      - run: pytest\n")]
    public void A_plain_check_or_a_commented_out_deploy_check_fires(string steps)
    {
        using var dir = new TempDirectory();
        dir.Write(Workflow, "jobs:\n  test:\n    steps:\n" + steps);
        Assert.Equal(
            ["DP610 .github/workflows/ci.yml:1 low/certain: CI (.github/workflows/ci.yml) never runs `manage.py check --deploy` or django-preflight, directly or through tox/make/nox/scripts."],
            Run(dir.Path));
    }

    [Fact]
    public void A_check_in_a_makefile_counts_only_when_ci_runs_make()
    {
        using var dir = new TempDirectory();
        dir.Write("Makefile", "deploy-check:\n\tpython manage.py check --deploy\n");
        dir.Write(".gitlab-ci.yml", "test:\n  script:\n    - pytest\n");
        Assert.Single(Run(dir.Path));
        dir.Write(".gitlab-ci.yml", "test:\n  script:\n    - pytest\n    - make deploy-check\n");
        Assert.Empty(Run(dir.Path));
    }

    [Fact]
    public void A_check_in_a_script_the_pipeline_calls_counts()
    {
        using var dir = new TempDirectory();
        dir.Write("scripts/ci.sh", "#!/bin/sh\nset -e\npython manage.py check --deploy --fail-level WARNING\n");
        dir.Write(".circleci/config.yml", "jobs:\n  build:\n    steps:\n      - run: ./scripts/ci.sh\n");
        Assert.Empty(Run(dir.Path));
    }

    [Fact]
    public void Ci_at_the_repository_top_counts_for_a_project_in_a_subdirectory()
    {
        using var repo = new GitSandbox();
        repo.Write(".github/workflows/deploy.yml", "jobs:\n  d:\n    steps:\n      - run: cd backend && python manage.py check --deploy\n");
        repo.Write("backend/manage.py", "\n");
        repo.Commit("start");
        Assert.Empty(Run(Path.Combine(repo.Root, "backend")));

        repo.Write(".github/workflows/deploy.yml", "jobs:\n  d:\n    steps:\n      - run: cd backend && python manage.py test\n");
        repo.Commit("drop the check");
        Assert.Equal(
            ["DP610 ../.github/workflows/deploy.yml:1 low/certain: CI (../.github/workflows/deploy.yml) never runs `manage.py check --deploy` or django-preflight, directly or through tox/make/nox/scripts."],
            Run(Path.Combine(repo.Root, "backend")));
    }
}
