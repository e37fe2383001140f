using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Examples;

/// <summary>
/// An example project served by Debian's gunicorn on a free loopback port, with an HTTP client
/// that sends chosen Host and X-Forwarded-Proto headers (as nginx would) and never follows
/// redirects or stores cookies.
/// </summary>
internal sealed class GunicornServer : IDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly HttpClient _client;
    private readonly Task<string> _stderr;

    private GunicornServer(Process process, int port)
    {
        _process = process;
        _stderr = process.StandardError.ReadToEndAsync();
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(20),
        };
        Port = port;
    }

    public int Port { get; }

    public static GunicornServer Start(ExampleProject project, IReadOnlyDictionary<string, string> environment)
    {
        PythonModules.Require([.. PythonModules.Examples, "gunicorn"]);
        int port = FreePort();
        var info = new ProcessStartInfo(DjangoManage.Python)
        {
            WorkingDirectory = project.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-m", "gunicorn", "--bind", $"127.0.0.1:{port}", "--workers", "1", "shop.wsgi:application" })
            info.ArgumentList.Add(argument);
        info.Environment.Clear();
        info.Environment["PATH"] = "/usr/bin:/bin";
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["HOME"] = project.Root;
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var (key, value) in environment)
            info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start gunicorn");
        process.StandardOutput.ReadToEndAsync();
        var server = new GunicornServer(process, port);
        server.WaitUntilListening();
        return server;
    }

    public HttpResponseMessage Get(string path, string host, bool viaHttps)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (viaHttps)
            request.Headers.Add("X-Forwarded-Proto", "https");
        return _client.Send(request);
    }

    public void Dispose()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"gunicorn exited with {_process.ExitCode}:\n{_stderr.Result}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        Dispose();
        throw new TimeoutException($"gunicorn did not listen on port {Port} within {StartupTimeout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
