using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>
/// Both example shops deployed behind one Debian nginx with TLS, a certificate per site from a CA
/// the lab makes with openssl, on an HTTP and an HTTPS port the lab picks (sites told apart by
/// name, as on a real shared host). The variants:
/// <list type="bullet">
/// <item>hardened (shop.example.com): examples/hardened-shop under gunicorn behind the example's own
/// deploy/nginx/shop.conf, only paths and ports changed; its default servers refuse unknown names;</item>
/// <item>leaky: the same application, but nginx serves /.env and /.git/, replaces HSTS with a
/// five-minute one and the CSP with a report-only one, and the certificate expires in 10 days;</item>
/// <item>regressed: examples/insecure-shop under gunicorn with DEBUG off, and nginx adding a
/// reflected CORS origin with credentials, a weak CSP, Referrer-Policy: unsafe-url and a
/// Cross-Origin-Resource-Policy browsers ignore (Same-Origin: the tokens are case-sensitive) (its
/// cookies lack Secure on their own);</item>
/// <item>duplicated: the hardened application with nginx adding HSTS, X-Frame-Options SAMEORIGIN,
/// nosniff and Cross-Origin-Opener-Policy on top of Django's own;</item>
/// <item>runserver: examples/insecure-shop under `manage.py runserver` (DEBUG on, as its Dockerfile
/// runs it) behind nginx, in a server block of its own ports (so it is their default server and
/// any Host reaches Django, as with a one-site nginx).</item>
/// </list>
/// Every process the lab starts it stops. With a network namespace name it runs every process in
/// that namespace (see <see cref="NetworkNamespace"/>).
/// </summary>
public partial class TlsLab : IAsyncLifetime
{
    public const string Hardened = "shop.example.com";
    public const string Leaky = "leaky.example.com";
    public const string Regressed = "regressed.example.com";
    public const string Duplicated = "duplicated.example.com";
    public const string Runserver = "runserver.example.com";

    public static readonly IReadOnlyList<string> Variants = [Hardened, Leaky, Regressed, Duplicated, Runserver];

    private readonly NetworkNamespace? _namespace;
    private readonly List<ChildProcess> _processes = [];
    private LabDirectory? _dir;

    public TlsLab() : this(null)
    {
    }

    protected TlsLab(NetworkNamespace? ns) => _namespace = ns;

    public int HttpPort { get; private set; }

    public int HttpsPort { get; private set; }

    /// <summary>The runserver variant's own ports (the shared ones in a namespace, where the
    /// Observatory needs 80 and 443).</summary>
    public int RunserverHttpPort { get; private set; }

    public int RunserverHttpsPort { get; private set; }

    public int HttpsPortOf(string host) => host == Runserver ? RunserverHttpsPort : HttpsPort;

    public int HttpPortOf(string host) => host == Runserver ? RunserverHttpPort : HttpPort;

    public string CaFile { get; private set; } = "";

    public string Root => _dir?.Path ?? "";

    public string AccessLog => Path.Combine(Root, "access.log");

    public string HardenedApp { get; private set; } = "";

    public string InsecureApp { get; private set; } = "";

    /// <summary>The hardened application's production environment as the lab runs it (sqlite, local paths).</summary>
    public IReadOnlyDictionary<string, string> HardenedEnv { get; private set; } = new Dictionary<string, string>();

    /// <summary>The folder holding a variant's fullchain.pem and privkey.pem, signed by <see cref="CaFile"/>.</summary>
    public string CertificateDir(string host) => Path.Combine(Root, "certs", host);

    public Uri Url(string host) => new(HttpsPortOf(host) == 443 ? $"https://{host}/" : $"https://{host}:{HttpsPortOf(host)}/");

    public string Logs => string.Join("\n", _processes.Select(p => p.Output));

    [GeneratedRegex(@"listen\s+\[::\]:\d+[^;]*;\n?")]
    private static partial Regex Ipv6Listen();

    [GeneratedRegex(@"listen\s+(80|443)\b")]
    private static partial Regex Listen();

    public virtual Task InitializeAsync()
    {
        PythonModules.Require([.. PythonModules.Examples, "gunicorn"]);
        _dir = new LabDirectory(_namespace is null ? "tls" : "tls-ns");
        (HttpPort, HttpsPort) = _namespace is null ? (FreePort.Next(), FreePort.Next()) : (80, 443);
        (RunserverHttpPort, RunserverHttpsPort) = _namespace is null ? (FreePort.Next(), FreePort.Next()) : (80, 443);
        HardenedApp = _dir.CopyExample("hardened-shop", "hardened");
        InsecureApp = _dir.CopyExample("insecure-shop", "insecure");
        var staticRoot = _dir.Sub("static");
        var mediaRoot = _dir.Sub("media");
        var insecureStatic = _dir.Sub("insecure-static");

        var hardenedEnv = LabDirectory.ReadEnvFile(Path.Combine(HardenedApp, RepoPaths.ProductionEnv("hardened-shop")));
        hardenedEnv["DJANGO_DB_ENGINE"] = "sqlite";
        hardenedEnv["DJANGO_SQLITE_PATH"] = Path.Combine(_dir.Path, "hardened.sqlite3");
        hardenedEnv["DJANGO_CACHE_ENGINE"] = "locmem";
        hardenedEnv["DJANGO_STATIC_ROOT"] = staticRoot;
        hardenedEnv["DJANGO_MEDIA_ROOT"] = mediaRoot;
        hardenedEnv["DJANGO_ALLOWED_HOSTS"] = $"{Hardened},www.{Hardened},{Leaky},{Duplicated}";
        hardenedEnv["PYTHONDONTWRITEBYTECODE"] = "1";
        HardenedEnv = hardenedEnv;
        // The runserver variant runs insecure-shop as its Dockerfile does (DEBUG on); the regressed
        // one turns DEBUG off, as a team that fixed only that would.
        var insecureEnv = LabDirectory.ReadEnvFile(Path.Combine(InsecureApp, "deploy", "production.env"));
        insecureEnv["DJANGO_LOG_FILE"] = Path.Combine(_dir.Path, "insecure-django.log");
        insecureEnv["PYTHONDONTWRITEBYTECODE"] = "1";
        var regressedEnv = new Dictionary<string, string>(insecureEnv) { ["DJANGO_DEBUG"] = "0" };

        var minute = TimeSpan.FromSeconds(90);
        var parallel = new[]
        {
            Task.Run(() =>
            {
                ChildProcess.Run("/usr/bin/python3", ["manage.py", "migrate", "--noinput", "-v", "0"], HardenedApp, hardenedEnv, minute);
                ChildProcess.Run("/usr/bin/python3", ["manage.py", "collectstatic", "--noinput", "-v", "0"], HardenedApp, hardenedEnv, minute);
            }),
            Task.Run(() => ChildProcess.Run("/usr/bin/python3", ["manage.py", "migrate", "--noinput", "-v", "0"], InsecureApp, insecureEnv, minute)),
            Task.Run(() => MakeCertificates(_dir.Sub("certs"))),
        };
        Task.WaitAll(parallel);
        var certs = Path.Combine(_dir.Path, "certs");
        CaFile = Path.Combine(certs, "ca.pem");
        var leakyRoot = _dir.Sub("leaky-root");
        File.Copy(Path.Combine(HardenedApp, RepoPaths.ProductionEnv("hardened-shop")), Path.Combine(leakyRoot, ".env"));
        Directory.CreateDirectory(Path.Combine(leakyRoot, ".git"));
        File.WriteAllText(Path.Combine(leakyRoot, ".git", "HEAD"), "ref: refs/heads/main\n");

        var (hardenedPort, insecurePort, runserverPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
        var servers = new[]
        {
            (Start("/usr/bin/gunicorn", ["--bind", $"127.0.0.1:{hardenedPort}", "--workers", "2", "shop.wsgi:application"], HardenedApp, hardenedEnv), hardenedPort),
            (Start("/usr/bin/gunicorn", ["--bind", $"127.0.0.1:{insecurePort}", "--workers", "1", "shop.wsgi:application"], InsecureApp, regressedEnv), insecurePort),
            (Start("/usr/bin/python3", ["manage.py", "runserver", $"127.0.0.1:{runserverPort}", "--noreload"], InsecureApp, insecureEnv), runserverPort),
        };

        var shop = File.ReadAllText(Path.Combine(HardenedApp, "deploy", "nginx", "shop.conf"))
            .Replace("127.0.0.1:8000", $"127.0.0.1:{hardenedPort}")
            .Replace("/etc/letsencrypt/live/shop.example.com/", certs + "/shop.example.com/")
            .Replace("/srv/shop/static/", staticRoot + "/")
            .Replace("/srv/shop/media/", mediaRoot + "/");
        shop = Ipv6Listen().Replace(shop, "");
        shop = Listen().Replace(shop, m => $"listen 127.0.0.1:{(m.Groups[1].Value == "80" ? HttpPort : HttpsPort)}");
        File.WriteAllText(Path.Combine(_dir.Path, "shop.conf"), shop);
        File.WriteAllText(Path.Combine(_dir.Path, "variants.conf"), VariantServers(certs, staticRoot, leakyRoot, hardenedPort, insecurePort, runserverPort));
        var main = Path.Combine(_dir.Path, "nginx.conf");
        File.WriteAllText(main, $$"""
            daemon off;
            worker_processes 1;
            pid {{_dir.Path}}/nginx.pid;
            error_log {{_dir.Path}}/error.log warn;
            events { worker_connections 128; }
            http {
                include /etc/nginx/mime.types;
                default_type application/octet-stream;
                log_format lab '$host "$request" $status';
                access_log {{AccessLog}} lab;
                client_body_temp_path {{_dir.Path}}/client_body;
                proxy_temp_path {{_dir.Path}}/proxy;
                fastcgi_temp_path {{_dir.Path}}/fastcgi;
                uwsgi_temp_path {{_dir.Path}}/uwsgi;
                scgi_temp_path {{_dir.Path}}/scgi;
                include {{_dir.Path}}/shop.conf;
                include {{_dir.Path}}/variants.conf;
            }
            """);
        var nginx = Start("/usr/sbin/nginx", ["-p", _dir.Path, "-c", main, "-e", Path.Combine(_dir.Path, "error.log")], _dir.Path, new Dictionary<string, string>());
        foreach (var port in new[] { HttpsPort, HttpPort, RunserverHttpsPort, RunserverHttpPort }.Distinct())
            WaitForPort(nginx, port);
        foreach (var (server, port) in servers)
            WaitForPort(server, port);
        if (_namespace is null)
            foreach (var host in Variants)
                WarmUp(host);
        return Task.CompletedTask;
    }

    /// <summary>The server blocks of every variant but the hardened one (which is the example's own file).</summary>
    private string VariantServers(string certs, string staticRoot, string leakyRoot, int hardenedPort, int insecurePort, int runserverPort)
    {
        string Server(string host, int upstream, string extra) => $$"""
            server {
                listen 127.0.0.1:{{HttpPortOf(host)}};
                server_name {{host}};
                server_tokens off;
                return 301 https://$host$request_uri;
            }
            server {
                listen 127.0.0.1:{{HttpsPortOf(host)}} ssl;
                server_name {{host}};
                server_tokens off;
                ssl_certificate {{certs}}/{{host}}/fullchain.pem;
                ssl_certificate_key {{certs}}/{{host}}/privkey.pem;
                ssl_protocols TLSv1.2 TLSv1.3;
                proxy_set_header Host $host;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            {{extra}}
                location /static/ { alias {{staticRoot}}/; }
                location / { proxy_pass http://127.0.0.1:{{upstream}}; }
            }

            """;
        return Server(Leaky, hardenedPort, $$"""
                proxy_hide_header Strict-Transport-Security;
                add_header Strict-Transport-Security "max-age=300" always;
                proxy_hide_header Content-Security-Policy;
                add_header Content-Security-Policy-Report-Only "default-src 'self'" always;
                location ~ ^/\.(env|git)(/|$) { root {{leakyRoot}}; default_type text/plain; }
            """)
            + Server(Regressed, insecurePort, """
                add_header Access-Control-Allow-Origin $http_origin always;
                add_header Access-Control-Allow-Credentials true always;
                add_header Content-Security-Policy "default-src 'self' 'unsafe-inline' 'unsafe-eval' http:" always;
                proxy_hide_header Referrer-Policy;
                add_header Referrer-Policy unsafe-url always;
                add_header Cross-Origin-Resource-Policy Same-Origin always;
            """)
            + Server(Duplicated, hardenedPort, """
                add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload" always;
                add_header X-Frame-Options SAMEORIGIN always;
                add_header X-Content-Type-Options nosniff always;
                add_header Cross-Origin-Opener-Policy same-origin always;
            """)
            + Server(Runserver, runserverPort, "");
    }

    private ChildProcess Start(string file, IEnumerable<string> args, string dir, IReadOnlyDictionary<string, string> env)
    {
        var process = _namespace is null
            ? ChildProcess.Start(file, args, dir, env)
            : ChildProcess.Start("ip", ["netns", "exec", _namespace.Name, file, .. args], dir, env);
        _processes.Add(process);
        return process;
    }

    private void WaitForPort(ChildProcess process, int port)
    {
        if (_namespace is null)
            process.WaitForPort(port, TimeSpan.FromSeconds(60));
        else
            _namespace.WaitForPort(process, port, TimeSpan.FromSeconds(60));
    }

    /// <summary>Waits until the whole chain answers a site's home page, so no test pays for the
    /// workers' start-up within its --timeout.</summary>
    private void WarmUp(string host)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, HttpsPortOf(host)), token);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var status = client.GetAsync(Url(host)).GetAwaiter().GetResult().StatusCode;
        if (status != HttpStatusCode.OK)
            throw new InvalidOperationException($"{host}'s home page answered {status}:\n{Logs}");
    }

    /// <summary>A private CA, and for each variant a certificate signed by it (the leaky one expiring in 10 days).</summary>
    private static void MakeCertificates(string dir)
    {
        var none = new Dictionary<string, string>();
        var timeout = TimeSpan.FromSeconds(60);
        ChildProcess.Run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "400", "-subj", "/CN=django-preflight lab CA"], dir, none, timeout);
        foreach (var host in Variants)
        {
            var site = Path.Combine(dir, host);
            Directory.CreateDirectory(site);
            ChildProcess.Run("openssl", ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "privkey.pem", "-out", "site.csr", "-subj", $"/CN={host}"], site, none, timeout);
            File.WriteAllText(Path.Combine(site, "ext.cnf"), $"subjectAltName=DNS:{host},DNS:www.{host}\nbasicConstraints=CA:FALSE\n");
            ChildProcess.Run("openssl", ["x509", "-req", "-in", "site.csr", "-CA", "../ca.pem", "-CAkey", "../ca.key", "-CAcreateserial",
                "-out", "cert.pem", "-days", host == Leaky ? "10" : "365", "-extfile", "ext.cnf"], site, none, timeout);
            File.WriteAllText(Path.Combine(site, "fullchain.pem"), File.ReadAllText(Path.Combine(site, "cert.pem")) + File.ReadAllText(Path.Combine(dir, "ca.pem")));
        }
    }

    /// <summary>Requests nginx has logged so far, for every site.</summary>
    public int Logged() => File.Exists(AccessLog) ? File.ReadLines(AccessLog).Count() : 0;

    public virtual Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(_processes))
            process.Dispose();
        _dir?.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition("tls lab")]
public sealed class TlsLabCollection : ICollectionFixture<TlsLab>;
