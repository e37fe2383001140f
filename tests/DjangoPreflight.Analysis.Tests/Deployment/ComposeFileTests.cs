using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Compose;

namespace DjangoPreflight.Analysis.Tests.Deployment;

public sealed class ComposeFileTests
{
    [Fact]
    public void Services_commands_environment_env_files_and_ports()
    {
        var errors = new List<string>();
        var file = ComposeFile.Parse("docker-compose.yml", """
            services:
              web:
                build:
                  context: .
                  dockerfile: docker/Dockerfile
                entrypoint: ["/entrypoint.sh"]
                command: >
                  gunicorn shop.wsgi
                environment:
                  - DEBUG=1
                  - EMPTY
                env_file: [.env, {path: .env.prod, required: false}]
                ports:
                  - 8000
                  - "127.0.0.1:8001:8000"
                  - "[::1]:8002:8000/tcp"
                  - target: 8000
                    published: "8003"
                    host_ip: 0.0.0.0
              redis:
                image: bitnami/redis:7.2
                environment:
                  REDIS_PASSWORD: s3cret
            """, FileRole.Unknown, (line, message) => errors.Add($"{line}: {message}"));
        Assert.Empty(errors);
        Assert.Equal(["redis", "web"], file.Services.Select(s => s.Name));
        var web = file.Services[1];
        Assert.Equal(("docker-compose.yml:2", ".", "docker/Dockerfile"), (web.Location.ToString(), web.BuildContext, web.BuildDockerfile));
        Assert.Equal("/entrypoint.sh @6", $"{web.Entrypoint!.Value} @{web.Entrypoint.Location.Line}");
        Assert.Equal("gunicorn shop.wsgi\n @7", $"{web.Command!.Value} @{web.Command.Location.Line}");
        Assert.Equal(["DEBUG=1 @10", "EMPTY= @11"], web.Environment.Select(e => $"{e.Key}={e.Value.Value} @{e.Value.Location.Line}"));
        Assert.Equal([".env", ".env.prod"], web.EnvFiles.Select(e => e.Value));
        Assert.Equal(
            ["- - 8000 all @14", "127.0.0.1 8001 8000 local @15", "::1 8002 8000 local @16", "0.0.0.0 8003 8000 all @17"],
            web.Ports.Select(p => $"{p.HostIp ?? "-"} {p.HostPort ?? "-"} {p.ContainerPort} {(p.OnAllInterfaces ? "all" : "local")} @{p.Location.Line}"));
        Assert.Null(web.Datastore);
        Assert.Equal("redis", file.Services[0].Datastore);
    }

    /// <summary>Ten levels of anchors, each merging the one below ten times: a few hundred bytes that
    /// name ten billion mappings if every alias is opened.</summary>
    internal static string BillionLaughs(string secret)
    {
        var text = new System.Text.StringBuilder("x-l0: &l0 {L0: \"0\"}\n");
        for (var level = 1; level < 10; level++)
            text.Append($"x-l{level}: &l{level}\n  <<: [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 10))}]\n  L{level}: \"{level}\"\n");
        text.Append($"services:\n  web:\n    image: shop\n    environment:\n      <<: [{string.Join(", ", Enumerable.Repeat("*l9", 10))}]\n      SECRET_KEY: \"{secret}\"\n");
        return text.ToString();
    }

    [Fact]
    public void Merge_keys_repeating_an_alias_a_billion_times_are_opened_within_a_budget()
    {
        var errors = new List<string>();
        var file = ComposeFile.Parse("docker-compose.yml", BillionLaughs("Qm7vR2xL9pT4kW8nZ3cJ6"), FileRole.Unknown, (line, message) => errors.Add($"{line}: {message}"));
        Assert.Empty(errors);
        var web = Assert.Single(file.Services);
        // The service's own key, and the merged ones the budget reached (the nearest first), each once.
        Assert.Equal("Qm7vR2xL9pT4kW8nZ3cJ6", web.Environment.Single(e => e.Key == "SECRET_KEY").Value.Value);
        Assert.Contains(web.Environment, e => e.Key == "L9");
        Assert.Equal(web.Environment.Count, web.Environment.Select(e => e.Key).Distinct().Count());
    }

    [Fact]
    public void Invalid_yaml_is_a_parse_error_not_an_exception()
    {
        var errors = new List<string>();
        var file = ComposeFile.Parse("compose.yaml", "services:\n  web:\n    image: [unclosed\n", FileRole.Unknown, (line, message) => errors.Add($"{line}: {message}"));
        Assert.Empty(file.Services);
        Assert.Single(errors);
        Assert.StartsWith("4: YAML:", errors[0]);
    }
    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    public void A_document_nested_a_hundred_thousand_deep_is_a_parse_error_not_a_stack_overflow(string open, string close)
    {
        // A stack overflow cannot be caught: it ends the process, so the whole scan would be lost.
        var errors = new List<string>();
        var text = "services:\n  web:\n    command: " + string.Concat(Enumerable.Repeat(open, 100_000)) + string.Concat(Enumerable.Repeat(close, 100_000)) + "\n";
        var file = ComposeFile.Parse("compose.yaml", text, FileRole.Unknown, (line, message) => errors.Add($"{line}: {message}"));
        Assert.Empty(file.Services);
        Assert.Equal(["3: YAML: nested deeper than 128 levels; the file is not read"], errors);
    }

    [Fact]
    public void A_document_nested_within_the_bound_is_read()
    {
        var errors = new List<string>();
        var text = "services:\n  web:\n    image: app\n    labels: " + new string('[', 100) + new string(']', 100) + "\n";
        var file = ComposeFile.Parse("compose.yaml", text, FileRole.Unknown, (line, message) => errors.Add($"{line}: {message}"));
        Assert.Empty(errors);
        Assert.Equal("web", Assert.Single(file.Services).Name);
    }
}
