using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>A start script that serves with gunicorn by default and runs runserver only when its own
/// arguments ask for a development setup: the runserver line is not a production launch.</summary>
public sealed class ScriptBranchesTests
{
    private const string FlagThenGunicorn = """
        #!/bin/bash
        python manage.py migrate
        if [ "$1" = "--dev" ] || [ "$2" = "--dev" ]; then
            python manage.py runserver 0.0.0.0:8000
        else
            gunicorn shop.wsgi --bind 0.0.0.0:8000
        fi
        """;

    private const string CaseOnArgument = """
        #!/bin/sh
        case "$1" in
          dev|--dev)
            exec python manage.py runserver 0.0.0.0:8000 ;;
          *)
            exec gunicorn shop.wsgi --bind 0.0.0.0:8000 ;;
        esac
        """;

    // Near misses: the branch tests something other than the script's arguments, or there is no other server.
    private const string FlagOnEnvironment = """
        #!/bin/bash
        if [ "$APP_MODE" = "dev" ]; then
            python manage.py runserver 0.0.0.0:8000
        else
            gunicorn shop.wsgi --bind 0.0.0.0:8000
        fi
        """;

    private const string FlagWithoutOtherServer = """
        #!/bin/bash
        if [ "$1" = "--dev" ]; then
            python manage.py migrate
        fi
        python manage.py runserver 0.0.0.0:8000
        if [ "$1" = "--serve" ]; then python manage.py runserver 0.0.0.0:9000; fi
        """;

    [Theory]
    [InlineData(FlagThenGunicorn, "start.sh:6 Gunicorn")]
    [InlineData(CaseOnArgument, "start.sh:6 Gunicorn")]
    [InlineData(FlagOnEnvironment, "start.sh:3 Runserver|start.sh:5 Gunicorn")]
    [InlineData(FlagWithoutOtherServer, "start.sh:5 Runserver|start.sh:6 Runserver")]
    public void Runserver_behind_the_scripts_own_flag_is_not_a_launch_when_the_script_serves_otherwise(string script, string expected)
    {
        using var dir = new TempDirectory("dp-script-branches");
        dir.Write("manage.py", "import os\n");
        dir.Write("start.sh", script.Replace("\r\n", "\n") + "\n");
        var facts = new ProjectContext(dir.Path, new ScanOptions { NoHistory = true }).Deployment;
        Assert.Equal(expected, string.Join("|", facts.Launches.Select(l => $"{l.Location} {l.Server}")));
    }

    [Fact]
    public void The_lines_a_flag_selects_are_those_of_its_branch_only()
    {
        var lines = FlagThenGunicorn.Replace("\r\n", "\n").Split('\n').Select((text, i) => (text.Trim(), i + 1));
        Assert.Equal([4], ScriptBranches.ArgumentSelected(lines).Order());
    }
}
