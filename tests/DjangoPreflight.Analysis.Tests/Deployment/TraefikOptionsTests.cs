using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Traefik;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>Traefik's configuration read the same whichever way it is written (a YAML file, a TOML
/// file, command flags, container labels), and a hostile YAML file cut short.</summary>
public sealed class TraefikOptionsTests
{
    private static string Facts(TraefikSetup setup)
    {
        var router = setup.Routers.Single();
        var entry = setup.EntryPoints.Single(e => e.Name == "web");
        return $"router {router.Name} rule={router.Rule} entrypoints={string.Join(',', router.EntryPoints)} tls={setup.IsTls(router)} "
               + $"hsts={setup.Hsts(router)?.Value} web={entry.Address} redirect={entry.HttpsRedirect?.Value} forwarded={setup.ClientValue(router, "X-Forwarded-Proto") is not null}";
    }

    private const string Expected =
        "router app rule=Host(`shop.example.com`) entrypoints=websecure tls=True hsts=max-age=31536000; includeSubDomains web=:80 redirect=websecure forwarded=True";

    [Fact]
    public void A_yaml_file_a_toml_file_flags_and_labels_say_the_same()
    {
        var yaml = TraefikOptions.ReadFile("traefik.yml", """
            entryPoints:
              web:
                address: ":80"
                http:
                  redirections:
                    entryPoint:
                      to: websecure
              websecure:
                address: ":443"
                forwardedHeaders:
                  insecure: true
            http:
              routers:
                app:
                  rule: "Host(`shop.example.com`)"
                  entryPoints: [websecure]
                  tls: {}
                  middlewares: [hsts]
              middlewares:
                hsts:
                  headers:
                    stsSeconds: 31536000
                    stsIncludeSubdomains: true
            """);
        var toml = TraefikOptions.ReadFile("traefik.toml", """
            [entryPoints.web]
              address = ":80"
              [entryPoints.web.http.redirections.entryPoint]
                to = "websecure"
            [entryPoints.websecure]
              address = ":443"
              [entryPoints.websecure.forwardedHeaders]
                insecure = true

            [http.routers.app]
              rule = "Host(`shop.example.com`)"
              entryPoints = ["websecure"]
              middlewares = ["hsts"]
              [http.routers.app.tls]
            [http.middlewares.hsts.headers]
              stsSeconds = 31536000
              stsIncludeSubdomains = true
            """);
        Assert.NotNull(yaml);
        Assert.NotNull(toml);
        Assert.Equal(Expected, Facts(new TraefikSetup([yaml], [])));
        Assert.Equal(Expected, Facts(new TraefikSetup([toml], [])));

        var compose = ComposeFile.Parse("docker-compose.yml", """
            services:
              traefik:
                image: traefik:v3.1
                command: --entryPoints.web.address=:80 --entrypoints.web.http.redirections.entrypoint.to=websecure --entrypoints.websecure.forwardedheaders.insecure --entrypoints.websecure.address=:443
              app:
                build: .
                labels:
                  traefik.http.routers.app.rule: "Host(`shop.example.com`)"
                  traefik.http.routers.app.entrypoints: websecure
                  traefik.http.routers.app.tls: "true"
                  traefik.http.routers.app.middlewares: hsts@docker
                  traefik.http.middlewares.hsts.headers.stsseconds: "31536000"
                  traefik.http.middlewares.hsts.headers.stsincludesubdomains: "true"
            """, FileRole.Production, (_, _) => { });
        var flags = TraefikOptions.FromFlags(compose.Services.Single(s => s.Name == "traefik").CommandWords).ToList();
        var labels = TraefikOptions.FromLabels(compose.Services.Single(s => s.Name == "app")).ToList();
        Assert.Equal(Expected, Facts(new TraefikSetup([flags], [("app", labels)])));
        Assert.Equal("docker-compose.yml:8", new TraefikSetup([flags], [("app", labels)]).Routers.Single().Location.ToString());
    }

    [Fact]
    public void A_file_that_is_neither_static_nor_dynamic_configuration_is_not_traefiks()
    {
        Assert.Null(TraefikOptions.ReadFile("config.yml", "http:\n  port: 8080\n"));
        Assert.Null(TraefikOptions.ReadFile("traefik.toml", "[entryPoints\n"));
        Assert.Null(TraefikOptions.ReadFile("traefik.yml", "entryPoints: [unclosed\n"));
    }

    [Fact]
    public void Aliases_repeating_a_subtree_stop_at_the_option_limit()
    {
        // Each level refers to the previous one ten times: 10^7 options if expanded.
        var lines = new List<string> { "entryPoints:\n  web:\n    address: \":80\"", "a0: &a0 {x: 1}" };
        for (var i = 1; i <= 7; i++)
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        var options = TraefikOptions.ReadFile("traefik.yml", string.Join('\n', lines));
        Assert.NotNull(options);
        Assert.InRange(options.Count, 1, 5000);
    }
}
