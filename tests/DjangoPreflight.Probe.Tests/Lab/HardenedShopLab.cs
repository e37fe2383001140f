using System.Text.RegularExpressions;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>
/// examples/hardened-shop deployed as its README describes: gunicorn with the production settings
/// (single-box mode: SQLite, local-memory cache) behind Debian's nginx running the example's own
/// deploy/nginx/shop.conf, with only the paths and ports changed, and a certificate for
/// shop.example.com issued by a CA the test makes with openssl. The probe reaches it with
/// --resolve shop.example.com:127.0.0.1 and --ca-file.
/// </summary>
public sealed partial class HardenedShopLab : IAsyncLifetime
{
    public const string Host = "shop.example.com";

    private LabDirectory? _dir;
    private ChildProcess? _gunicorn;
    private ChildProcess? _nginx;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    public Uri Url => new($"https://{Host}:{HttpsPort}/");

    public string CaFile { get; private set; } = "";

    public string AccessLog => _dir is null ? "" : Path.Combine(_dir.Path, "access.log");

    public string Logs => $"gunicorn:\n{_gunicorn?.Output}\nnginx:\n{_nginx?.Output}";

    [GeneratedRegex(@"listen\s+\[::\]:\d+[^;]*;\n?")]
    private static partial Regex Ipv6Listen();

    [GeneratedRegex(@"listen\s+(80|443)\b")]
    private static partial Regex Listen();

    public Task InitializeAsync()
    {
        _dir = new LabDirectory("hardened");
        var app = _dir.CopyExample("hardened-shop");
        var staticRoot = _dir.Sub("static");
        var mediaRoot = _dir.Sub("media");
        var env = LabDirectory.ReadEnvFile(Path.Combine(app, "deploy", "production.env"));
        env["DJANGO_DB_ENGINE"] = "sqlite";
        env["DJANGO_SQLITE_PATH"] = Path.Combine(_dir.Path, "db.sqlite3");
        env["DJANGO_CACHE_ENGINE"] = "locmem";
        env["DJANGO_STATIC_ROOT"] = staticRoot;
        env["DJANGO_MEDIA_ROOT"] = mediaRoot;
        env["PYTHONDONTWRITEBYTECODE"] = "1";
        ChildProcess.Run("/usr/bin/python3", ["manage.py", "migrate", "--noinput", "-v", "0"], app, env, TimeSpan.FromSeconds(60));
        ChildProcess.Run("/usr/bin/python3", ["manage.py", "collectstatic", "--noinput", "-v", "0"], app, env, TimeSpan.FromSeconds(60));

        var certs = _dir.Sub("certs");
        MakeCertificates(certs);
        CaFile = Path.Combine(certs, "ca.pem");

        var appPort = FreePort.Next();
        _gunicorn = ChildProcess.Start("/usr/bin/gunicorn", ["--bind", $"127.0.0.1:{appPort}", "--workers", "1", "shop.wsgi:application"], app, env);

        HttpPort = FreePort.Next();
        HttpsPort = FreePort.Next();
        var site = File.ReadAllText(Path.Combine(app, "deploy", "nginx", "shop.conf"))
            .Replace("127.0.0.1:8000", $"127.0.0.1:{appPort}")
            .Replace("/etc/letsencrypt/live/shop.example.com/", certs + "/")
            .Replace("/srv/shop/static/", staticRoot + "/")
            .Replace("/srv/shop/media/", mediaRoot + "/");
        site = Ipv6Listen().Replace(site, "");
        site = Listen().Replace(site, m => $"listen 127.0.0.1:{(m.Groups[1].Value == "80" ? HttpPort : HttpsPort)}");
        File.WriteAllText(Path.Combine(_dir.Path, "shop.conf"), site);
        var main = Path.Combine(_dir.Path, "nginx.conf");
        File.WriteAllText(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir.Path}}/nginx.pid;
            error_log {{_dir.Path}}/error.log warn;
            events { worker_connections 64; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                access_log {{AccessLog}};
                client_body_temp_path {{_dir.Path}}/client_body;
                proxy_temp_path {{_dir.Path}}/proxy;
                fastcgi_temp_path {{_dir.Path}}/fastcgi;
                uwsgi_temp_path {{_dir.Path}}/uwsgi;
                scgi_temp_path {{_dir.Path}}/scgi;
                include {{_dir.Path}}/shop.conf;
            }
            """);
        _nginx = ChildProcess.Start("/usr/sbin/nginx", ["-p", _dir.Path, "-c", main, "-e", Path.Combine(_dir.Path, "error.log")], _dir.Path, new Dictionary<string, string>());
        _nginx.WaitForPort(HttpsPort, TimeSpan.FromSeconds(20));
        _nginx.WaitForPort(HttpPort, TimeSpan.FromSeconds(5));
        _gunicorn.WaitForPort(appPort, TimeSpan.FromSeconds(30));
        WarmUp();
        return Task.CompletedTask;
    }

    /// <summary>Waits until the whole chain (nginx, TLS, gunicorn's workers, Django) answers the home
    /// page, so no test pays for the workers' start-up within its --timeout.</summary>
    private void WarmUp()
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (_, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await socket.ConnectAsync(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, HttpsPort), token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var status = client.GetAsync(Url).GetAwaiter().GetResult().StatusCode;
        if (status != System.Net.HttpStatusCode.OK)
            throw new InvalidOperationException($"the hardened shop's home page answered {status}:\n{Logs}");
    }

    /// <summary>A private CA and a certificate for shop.example.com signed by it, valid a year.</summary>
    private static void MakeCertificates(string dir)
    {
        var none = new Dictionary<string, string>();
        var timeout = TimeSpan.FromSeconds(30);
        ChildProcess.Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "400", "-subj", "/CN=django-preflight lab CA"], dir, none, timeout);
        ChildProcess.Run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "privkey.pem", "-out", "site.csr",
            "-subj", $"/CN={Host}"], dir, none, timeout);
        File.WriteAllText(Path.Combine(dir, "ext.cnf"), $"subjectAltName=DNS:{Host},DNS:www.{Host}\nbasicConstraints=CA:FALSE\n");
        ChildProcess.Run("openssl", ["x509", "-req", "-in", "site.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "cert.pem", "-days", "365", "-extfile", "ext.cnf"], dir, none, timeout);
        File.WriteAllText(Path.Combine(dir, "fullchain.pem"), File.ReadAllText(Path.Combine(dir, "cert.pem")) + File.ReadAllText(Path.Combine(dir, "ca.pem")));
    }

    public Task DisposeAsync()
    {
        _nginx?.Dispose();
        _gunicorn?.Dispose();
        _dir?.Dispose();
        return Task.CompletedTask;
    }
}
