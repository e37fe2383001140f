namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>
/// examples/insecure-shop deployed the way its Dockerfile does: `manage.py runserver` with the
/// production settings and the production box's environment (deploy/production.env, where
/// DJANGO_DEBUG is missing, so DEBUG is on). Runs from a temporary copy on a free port.
/// </summary>
public sealed class InsecureShopLab : IAsyncLifetime
{
    private const string Python = "/usr/bin/python3";

    private LabDirectory? _dir;
    private ChildProcess? _server;

    public int Port { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string ServerLog => _server?.Output ?? "";

    public Task InitializeAsync()
    {
        TestSupport.PythonModules.Require(TestSupport.PythonModules.Examples);
        _dir = new LabDirectory("insecure");
        var app = _dir.CopyExample("insecure-shop");
        var env = LabDirectory.ReadEnvFile(Path.Combine(app, "deploy", "production.env"));
        // The lab's only addition: runserver's request log on the console, so the tests can count
        // what reached the server (the example sends django.* below WARNING nowhere).
        File.WriteAllText(Path.Combine(app, "shop", "settings", "lab.py"), """
            from .production import *  # noqa: F401,F403

            LOGGING["handlers"]["lab_console"] = {"class": "logging.StreamHandler", "level": "INFO"}  # noqa: F405
            LOGGING["loggers"]["django.server"] = {"handlers": ["lab_console"], "level": "INFO", "propagate": False}  # noqa: F405
            """);
        env["DJANGO_SETTINGS_MODULE"] = "shop.settings.lab";
        env["DJANGO_LOG_FILE"] = Path.Combine(_dir.Path, "django.log");
        env["PYTHONDONTWRITEBYTECODE"] = "1";
        env["PYTHONUNBUFFERED"] = "1";
        ChildProcess.Run(Python, ["manage.py", "migrate", "--noinput", "-v", "0"], app, env, TimeSpan.FromSeconds(60));
        Port = FreePort.Next();
        _server = ChildProcess.Start(Python, ["manage.py", "runserver", $"127.0.0.1:{Port}", "--noreload"], app, env);
        _server.WaitForPort(Port, TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _server?.Dispose();
        _dir?.Dispose();
        return Task.CompletedTask;
    }
}
