using DjangoPreflight.Analysis.Deployment;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>Kubernetes manifests and systemd units as production environment sources: a pod's
/// envFrom ConfigMap, then its own env (literal values, ConfigMap keys located in the ConfigMap; a
/// Secret's value is not in the repository); a unit's Environment=, then its EnvironmentFile= (read
/// whatever its name when the project holds it). A database's pod and a development unit give nothing.</summary>
public sealed class KubernetesAndSystemdEnvironmentTests
{
    private static IEnumerable<string> Pairs(Analysis.Environment.EnvProfile profile) =>
        profile.Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}");

    [Fact]
    public void A_pods_envFrom_and_env_give_the_environment_and_each_value_is_located()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("k8s/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: shop-config
                data:
                  DJANGO_ALLOWED_HOSTS: "*"
                  DJANGO_LOG_LEVEL: info
                  DJANGO_DEBUG: "1"
                """),
            ("k8s/deployment.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/shop:1.4
                          command: ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
                          envFrom:
                            - configMapRef:
                                name: shop-config
                          env:
                            - name: DJANGO_DEBUG
                              value: "0"
                            - name: DJANGO_SECRET_KEY
                              valueFrom:
                                secretKeyRef:
                                  name: shop-secrets
                                  key: secret-key
                            - name: SHOP_LOG_LEVEL
                              valueFrom:
                                configMapKeyRef:
                                  name: shop-config
                                  key: DJANGO_LOG_LEVEL
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: db
                spec:
                  template:
                    spec:
                      containers:
                        - name: postgres
                          image: postgres:16
                          env:
                            - name: POSTGRES_PASSWORD
                              value: shop
                """));
        var deployment = p.Context().Deployment;
        Assert.Contains("k8s/deployment.yaml", deployment.ServingChain);
        Assert.Contains("k8s/configmap.yaml", deployment.ServingChain);
        var profile = DeploymentEnvironment.Profile(deployment);
        Assert.Equal(
            ["DJANGO_ALLOWED_HOSTS=*", "DJANGO_DEBUG=0", "DJANGO_LOG_LEVEL=info", "SHOP_LOG_LEVEL=info"],
            Pairs(profile));
        Assert.Equal("k8s/configmap.yaml:6 (Kubernetes envFrom ConfigMap shop-config)", profile.Origins["DJANGO_ALLOWED_HOSTS"].ToString());
        Assert.Equal("k8s/deployment.yaml:16 (Kubernetes container web)", profile.Origins["DJANGO_DEBUG"].ToString());
        Assert.Equal("k8s/configmap.yaml:7 (Kubernetes ConfigMap shop-config key DJANGO_LOG_LEVEL)", profile.Origins["SHOP_LOG_LEVEL"].ToString());
    }

    [Fact]
    public void A_pod_without_a_command_runs_the_app_when_it_names_the_settings_module_and_a_worker_pod_does_not()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""),
            ("deploy/pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: shop
                spec:
                  containers:
                    - name: web
                      image: shop:latest
                      env:
                        - name: DJANGO_SETTINGS_MODULE
                          value: shop.settings.production
                        - name: DJANGO_ALLOWED_HOSTS
                          value: shop.example.com
                    - name: worker
                      image: shop:latest
                      command: ["celery", "-A", "shop", "worker"]
                      env:
                        - name: CELERY_CONCURRENCY
                          value: "4"
                """));
        var profile = DeploymentEnvironment.Profile(p.Context().Deployment);
        Assert.Equal(["DJANGO_ALLOWED_HOSTS=shop.example.com", "DJANGO_SETTINGS_MODULE=shop.settings.production"], Pairs(profile));
    }

    [Fact]
    public void A_units_EnvironmentFile_in_the_repository_overrides_its_Environment()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("deploy/systemd/shop.service", """
                [Unit]
                Description=Shop

                [Service]
                Environment="DJANGO_DEBUG=1" DJANGO_LOG_LEVEL=warning
                EnvironmentFile=-/srv/shop/deploy/shop-environment
                ExecStart=/srv/shop/venv/bin/gunicorn --bind 127.0.0.1:8000 shop.wsgi

                [Install]
                WantedBy=multi-user.target
                """),
            ("deploy/shop-environment", "# read by systemd\nDJANGO_DEBUG=0\nDJANGO_ALLOWED_HOSTS=shop.example.com\n"),
            ("deploy/dev/shop-dev.service", """
                [Service]
                Environment=DJANGO_ALLOWED_HOSTS=*
                ExecStart=/srv/shop/venv/bin/python manage.py runserver 0.0.0.0:8000
                """));
        var deployment = p.Context().Deployment;
        Assert.Equal("env file", deployment.FileAt("deploy/shop-environment")?.KindName);
        var profile = DeploymentEnvironment.Profile(deployment);
        Assert.Equal(["DJANGO_ALLOWED_HOSTS=shop.example.com", "DJANGO_DEBUG=0", "DJANGO_LOG_LEVEL=warning"], Pairs(profile));
        Assert.Equal("deploy/shop-environment:2 (env file)", profile.Origins["DJANGO_DEBUG"].ToString());
        Assert.Equal("deploy/systemd/shop.service:5 (systemd Environment)", profile.Origins["DJANGO_LOG_LEVEL"].ToString());
    }

    [Fact]
    public void A_compose_env_file_is_read_whatever_its_name()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("Dockerfile", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"shop.wsgi\"]\n"),
            ("docker-compose.prod.yml", """
                services:
                  web:
                    build: .
                    env_file:
                      - config/production
                """),
            ("config/production", "DJANGO_ALLOWED_HOSTS=${SHOP_HOSTS:-shop.example.com}\n"));
        var profile = DeploymentEnvironment.Profile(p.Context().Deployment);
        Assert.Equal(["DJANGO_ALLOWED_HOSTS=shop.example.com"], Pairs(profile));
        Assert.Equal("config/production:1 (env file, the default of ${SHOP_HOSTS:-…})", profile.Origins["DJANGO_ALLOWED_HOSTS"].ToString());
    }

    private const string DocsDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          template:
            spec:
              containers:
                - name: shop
                  image: shop:latest
                  env:
                    - name: DJANGO_SETTINGS_MODULE
                      value: shop.settings
                    - name: ALLOWED_HOSTS
                      value: "*"
        """;

    [Fact]
    public void A_manifest_under_docs_is_an_example_and_gives_production_nothing()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("Dockerfile", "FROM python:3.12-slim\nENV DJANGO_LOG_LEVEL=info\nCMD [\"gunicorn\", \"shop.wsgi\"]\n"),
            ("docs/install/k8s/50-deployment.yaml", DocsDeployment));
        var deployment = p.Context().Deployment;
        Assert.Equal("example: its folder docs/ says docs (whatever its name says)",
            deployment.FileAt("docs/install/k8s/50-deployment.yaml") is { } f ? $"{f.Role.Name()}: {f.Reason}" : null);
        Assert.DoesNotContain("docs/install/k8s/50-deployment.yaml", deployment.ServingChain);
        Assert.Equal(["DJANGO_LOG_LEVEL=info"], Pairs(DeploymentEnvironment.Profile(deployment)));
    }

    [Fact]
    public void A_production_named_file_under_docs_that_production_uses_is_production()
    {
        using var p = new TempProject(
            ("manage.py", ""), ("shop/__init__.py", ""), ("shop/wsgi.py", ""),
            ("Dockerfile", "FROM python:3.12-slim\nCMD [\"gunicorn\", \"shop.wsgi\"]\n"),
            ("docker-compose.prod.yml", """
                services:
                  web:
                    build: .
                    env_file:
                      - docs/deploy/production.env
                """),
            ("docs/deploy/production.env", "ALLOWED_HOSTS=shop.example.com\n"),
            ("docs/examples/production.env", "ALLOWED_HOSTS=*\n"));
        var deployment = p.Context().Deployment;
        Assert.Equal(FileRole.Production, deployment.FileAt("docs/deploy/production.env")?.Role);
        Assert.Equal(FileRole.Example, deployment.FileAt("docs/examples/production.env")?.Role);
        Assert.Equal(["ALLOWED_HOSTS=shop.example.com"], Pairs(DeploymentEnvironment.Profile(deployment)));
    }
}
