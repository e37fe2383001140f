using DjangoPreflight.Analysis.Deployment.Docker;

namespace DjangoPreflight.Analysis.Tests.Deployment;

public sealed class DockerfileTests
{
    [Fact]
    public void Continuations_exec_and_shell_forms_and_the_final_stage()
    {
        var file = Dockerfile.Parse("Dockerfile", """
            # syntax=docker/dockerfile:1
            FROM python:3.12 AS base
            ENV PYTHONDONTWRITEBYTECODE=1 \
                DJANGO_DEBUG="False"
            ENTRYPOINT ["/entrypoint.sh"]

            FROM base AS build
            RUN pip install \
            # a comment inside a continuation is dropped
                gunicorn
            CMD ["python", "manage.py", "runserver"]

            FROM base AS final
            ENV DEBUG off
            cmd gunicorn shop.wsgi \
                --bind 0.0.0.0:8000
            """);
        Assert.Equal(["base", "build", "final"], file.StageNames);
        Assert.Equal(["python:3.12", "base", "base"], file.StageBases);
        var (entrypoint, cmd) = file.Startup();
        // The final stage inherits base's ENTRYPOINT, not build's CMD.
        Assert.Equal("Dockerfile:5", entrypoint!.Location.ToString());
        Assert.Equal(["/entrypoint.sh"], entrypoint.Exec!);
        Assert.Equal(("Dockerfile:15", "gunicorn shop.wsgi --bind 0.0.0.0:8000"), (cmd!.Location.ToString(), cmd.CommandText));
        Assert.Null(cmd.Exec);
        Assert.Equal("RUN pip install gunicorn", $"{file.Instructions[4].Keyword} {file.Instructions[4].Arguments}");
        Assert.Equal(
            ["PYTHONDONTWRITEBYTECODE=1 @3", "DJANGO_DEBUG=False @3", "DEBUG=off @14"],
            file.Environment().Select(e => $"{e.Name}={e.Value} @{e.Location.Line}"));
    }

    [Fact]
    public void Escape_directive_heredoc_and_invalid_json_fall_back_to_shell_form()
    {
        var file = Dockerfile.Parse("win.Dockerfile", """
            # escape=`
            FROM mcr.microsoft.com/windows/servercore
            RUN <<EOF
            python manage.py collectstatic --noinput
            EOF
            CMD ["broken", json] `
                --flag
            """);
        Assert.Equal(["FROM", "RUN", "CMD"], file.Instructions.Select(i => i.Keyword));
        Assert.Contains("collectstatic", file.Instructions[1].Arguments);
        Assert.Null(file.Instructions[2].Exec);
        Assert.Equal("[\"broken\", json] --flag", file.Instructions[2].Arguments);
        Assert.Equal(6, file.Instructions[2].Location.Line);
    }
}
