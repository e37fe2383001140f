using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Tests.Project;

/// <summary>
/// #22 item 3: the steps before the rules (the file walk, finding the settings modules, reading the
/// deployment files) honour the scan's time budget like the evaluator and the rules do: they stop,
/// and the one notice names the step and what it left. No test measures time: each budget is ended
/// (<see cref="ScanBudget.End"/>) at a chosen point, and each has a twin where it is not.
/// </summary>
public class StepsBeforeTheRulesBudgetTests
{
    private static TempProject Project(int apps = 100)
    {
        var p = new TempProject(
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n"),
            ("shop/__init__.py", ""),
            ("shop/settings.py", "DEBUG = False\n"),
            ("Dockerfile", "FROM python:3.12\nCMD gunicorn shop.wsgi\n"),
            ("docker-compose.yml", "services:\n  web:\n    build: .\n    environment:\n      DJANGO_SETTINGS_MODULE: shop.settings\n"));
        for (var i = 0; i < apps; i++) p.Write($"app{i:D3}/models.py", "");
        return p;
    }

    private static (ProjectContext Context, ScanBudget Budget) Context(TempProject p)
    {
        var budget = new ScanBudget(TimeSpan.FromHours(1));
        return (new ProjectContext(p.Root, new ScanOptions { Budget = budget, NoHistory = true }), budget);
    }

    [Fact]
    public void TheWalkStopsWhenTheBudgetIsSpentAndNamesWhatItDidNotList()
    {
        using var p = Project();
        var (context, budget) = Context(p);
        budget.End();

        Assert.Empty(context.Files.All);
        Assert.True(context.Files.Partial);
        Assert.Equal("the scan was cut short by its time budget (--timeout 3600 s); folders not listed: .", budget.Notice());
    }

    [Fact]
    public void AWalkWithBudgetLeftListsEveryFile()
    {
        using var p = Project();
        var (context, budget) = Context(p);

        Assert.Equal(105, context.Files.All.Count);
        Assert.False(context.Files.Partial);
        Assert.False(budget.WasCutShort);
    }

    [Fact]
    public void ReadingTheDeploymentFilesStopsAndNamesTheFilesNotRead()
    {
        using var p = Project();
        var (context, budget) = Context(p);
        _ = context.Files.All;
        budget.End();

        Assert.Empty(context.Deployment.Files);
        Assert.Equal("the scan was cut short by its time budget (--timeout 3600 s); files not read when reading the deployment files: Dockerfile, docker-compose.yml",
            budget.Notice());
    }

    [Fact]
    public void WithBudgetLeftTheDeploymentFilesAreRead()
    {
        using var p = Project();
        var (context, budget) = Context(p);

        Assert.Equal(["Dockerfile", "docker-compose.yml"], context.Deployment.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.False(budget.WasCutShort);
    }

    [Fact]
    public void FindingTheSettingsModulesStopsAndNamesTheFilesNotRead()
    {
        using var p = Project(apps: 0);
        var (context, budget) = Context(p);
        _ = context.Files.All;
        budget.End();

        var layout = context.SettingsLayout;
        // manage.py's default was not read: the module is chosen from what was (its name), if at all.
        Assert.DoesNotContain(layout.Evidence, e => e.Location?.Path == "manage.py");
        Assert.Equal("the scan was cut short by its time budget (--timeout 3600 s); "
            + "files not read when finding the settings modules: Dockerfile, manage.py, shop/__init__.py, shop/settings.py; "
            + "files not read when reading the deployment files: Dockerfile, docker-compose.yml", budget.Notice());
    }

    [Fact]
    public void WithBudgetLeftManagePyNamesTheSettingsModule()
    {
        using var p = Project();
        var (context, budget) = Context(p);

        Assert.Contains(context.SettingsLayout.Evidence, e => e.Location?.Path == "manage.py" && e.Module == "shop.settings");
        Assert.False(budget.WasCutShort);
    }

    [Fact]
    public void ReadsOutsideTheStepsAreNotRefusedNorIsARefusedReadKept()
    {
        // What comes after the rules (suppression comments) reads files with the budget spent: a read
        // a step was refused is read then, not remembered as unreadable.
        using var p = Project();
        var (context, budget) = Context(p);
        _ = context.Files.All;
        budget.End();
        _ = context.SettingsLayout;

        Assert.Equal("FROM python:3.12\nCMD gunicorn shop.wsgi\n", context.Files.ReadText("Dockerfile"));
        Assert.NotNull(context.Files.ReadBytes("manage.py"));
    }
}
