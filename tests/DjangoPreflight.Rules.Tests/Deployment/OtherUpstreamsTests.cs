using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Infrastructure;
using DjangoPreflight.Rules.Transport;
using DjangoPreflight.TestSupport;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>
/// DP805 and DP309 judge only the nginx locations that reach the Django app: a production compose
/// file runs the app (a Python image), a GraphQL engine and a Node collaboration server behind one
/// nginx; the locations passing to the other two carry no X-Forwarded-Proto and are no finding.
/// A location passing to an upstream the repository does not tie to a service is still judged; a
/// second compose file pulling the same service's published image changes nothing.
/// (Written in the test: nginx -t would have to resolve the compose service names.)
/// </summary>
public sealed class OtherUpstreamsTests
{
    private static SettingsModel Trusting() => Settings(("SECURE_PROXY_SSL_HEADER", Tuple("HTTP_X_FORWARDED_PROTO", "https"), 30));

    private static TempDirectory Repository(string appLocation)
    {
        var dir = new TempDirectory("dp-upstreams");
        dir.Write("manage.py", "");
        dir.Write("compose/app/Dockerfile", "FROM python:3.12-slim\nRUN pip install gunicorn\nCMD [\"gunicorn\", \"shop.wsgi\"]\n");
        dir.Write("compose/graphql/Dockerfile", "FROM hasura/graphql-engine:v2.40.0\nCOPY metadata /metadata\n");
        dir.Write("compose/collab/Dockerfile", "FROM node:22-alpine\nCOPY js /app\nENTRYPOINT [\"npm\", \"run\", \"serve\"]\n");
        dir.Write("compose/nginx/Dockerfile", "FROM nginx:1.27\nCOPY site.conf /etc/nginx/conf.d/site.conf\n");
        dir.Write("production.yml", """
            services:
              app:
                build:
                  context: .
                  dockerfile: compose/app/Dockerfile
              graphql_engine:
                build:
                  context: .
                  dockerfile: compose/graphql/Dockerfile
              collab-server:
                build:
                  context: .
                  dockerfile: compose/collab/Dockerfile
              nginx:
                build:
                  context: compose/nginx
                ports:
                  - "443:443"
            """);
        // The release compose file pulls the images production.yml builds: it tells nothing more.
        dir.Write("release.yml", """
            services:
              app:
                image: ghcr.io/shop/app:1.4
              graphql_engine:
                image: ghcr.io/shop/graphql:1.4
            """);
        dir.Write("compose/nginx/site.conf", $$"""
            upstream django { server app:8000; }
            upstream graphql { server graphql_engine:8080; }
            upstream collab { server collab-server:8000; }
            server {
                listen 443 ssl;
                server_name shop.example.com;
                ssl_certificate ssl/site.crt;
                ssl_certificate_key ssl/site.key;
                location / {
            {{appLocation}}
                }
                location /v1/ {
                    proxy_pass http://graphql/v1/;
                }
                location /collab {
                    proxy_pass http://collab;
                }
                location /legacy/ {
                    proxy_pass http://backend.internal:9000;
                }
            }
            """);
        return dir;
    }

    [Fact]
    public void Only_locations_reaching_the_app_or_an_unknown_host_are_judged()
    {
        using var dir = Repository("        proxy_pass http://django;");
        var project = new ProjectContext(dir.Path, new ScanOptions());
        Assert.Equal(
        [
            "DP805 compose/nginx/site.conf:9 high certain | This proxy_pass does not set X-Forwarded-Proto, which Django trusts (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): the client's own value goes through.",
            "DP805 compose/nginx/site.conf:18 high certain | This proxy_pass does not set X-Forwarded-Proto, which Django trusts (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): the client's own value goes through.",
        ], Render(new NginxForwardedProtoMissing().Check(project, Trusting())));
    }

    [Fact]
    public void The_app_location_setting_the_header_leaves_only_the_unknown_host()
    {
        using var dir = Repository("        proxy_set_header X-Forwarded-Proto $scheme;\n        proxy_pass http://django;");
        var project = new ProjectContext(dir.Path, new ScanOptions());
        Assert.Equal(
        [
            "DP805 compose/nginx/site.conf:19 high certain | This proxy_pass does not set X-Forwarded-Proto, which Django trusts (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:30): the client's own value goes through.",
        ], Render(new NginxForwardedProtoMissing().Check(project, Trusting())));
        Assert.Equal(
        [
            "DP309 shop/settings/production.py:30 medium medium | SECURE_PROXY_SSL_HEADER trusts the X-Forwarded-Proto header, but the nginx location at compose/nginx/site.conf:20 passes the client's own value through.",
        ], Render(new ProxySslHeaderNotOverwritten().Check(project, Trusting())));
    }
}
