using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace DjangoPreflight.Probe.Http;

/// <summary>
/// The probe's only way onto the network. Every request goes through <see cref="GuardHandler"/>
/// (safe methods, request budget); redirects are followed by hand and only on the same host;
/// each request has its own timeout inside the overall deadline; bodies are read up to a bound.
/// </summary>
public sealed class ProbeClient : IDisposable
{
    private const int MaxRedirects = 5;

    private readonly ProbeSettings _settings;
    private readonly HttpMessageInvoker _invoker;
    private readonly HttpMessageInvoker? _forgedHostInvoker;
    private readonly CancellationToken _deadline;

    /// <param name="target">The site the user named: their --header values go only to its host, over
    /// its scheme or HTTPS (never downgraded to plain HTTP, never with a forged Host).</param>
    /// <param name="handler">Replaces the real network handler (tests); the guard still wraps it.</param>
    public ProbeClient(ProbeSettings settings, RequestBudget budget, CancellationToken deadline, HttpMessageHandler? handler = null, Uri? target = null)
    {
        _settings = settings;
        _deadline = deadline;
        _target = target;
        Budget = budget;
        Certificates = new CertificateCheck(settings.Insecure, settings.CaFile);
        Connector = new Connector(settings.Resolve, budget);
        _invoker = new HttpMessageInvoker(new GuardHandler(handler ?? CreateHandler(), budget), disposeHandler: true);
        if (handler is null)
            _forgedHostInvoker = new HttpMessageInvoker(new GuardHandler(CreateForgedHostHandler(), budget), disposeHandler: true);
    }

    private readonly Uri? _target;

    public RequestBudget Budget { get; }

    public CertificateCheck Certificates { get; }

    public Connector Connector { get; }

    public CancellationToken Deadline => _deadline;

    private SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = _settings.Timeout,
        MaxResponseHeadersLength = 64,
        // Zero: no connection is ever reused. A server that drops a kept-alive connection would
        // otherwise make the HTTP stack resend the request on a new one by itself, a request the
        // budget never saw (Connection: close alone does not stop the reuse).
        PooledConnectionLifetime = TimeSpan.Zero,
        ConnectCallback = (context, token) => Connector.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, token),
        SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Certificates.Validate },
    };

    /// <summary>
    /// For a forged Host over HTTPS. The HTTP stack would take the Host header as the TLS server
    /// name too, and a valid certificate never matches a made-up name, so the request would fail
    /// validation. An attacker connects to the real name and forges only the header: this handler
    /// is given the request as http://host:port/ and makes the TLS connection itself, with the real
    /// host as server name and the same strict validation as every other request.
    /// </summary>
    private SocketsHttpHandler CreateForgedHostHandler()
    {
        var handler = CreateHandler();
        handler.ConnectCallback = async (context, token) =>
        {
            var host = context.DnsEndPoint.Host;
            var stream = await Connector.ConnectAsync(host, context.DnsEndPoint.Port, token);
            var tls = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                    RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Certificates.Check(host, certificate, chain, errors),
                }, token);
                return tls;
            }
            catch
            {
                await tls.DisposeAsync();
                throw;
            }
        };
        return handler;
    }

    /// <summary>Sends one request and follows redirects that stay on the same host.</summary>
    /// <param name="hostHeader">A Host header to send instead of the URL's (the forged-Host probe).</param>
    public async Task<ProbeExchange> SendAsync(
        Uri url,
        string method = "GET",
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        string? hostHeader = null,
        bool followRedirects = true)
    {
        var hops = new List<ProbeResponse>();
        var current = url;
        for (var hop = 0; ; hop++)
        {
            var (response, failure, error) = await SendOnceAsync(current, method, headers, hostHeader);
            if (response is null)
                return new ProbeExchange(url, hops, null, failure, error);
            if (!followRedirects || !response.IsRedirect || response.Header("location") is not { } location || hop == MaxRedirects)
                return new ProbeExchange(url, hops, response, ProbeFailure.None, null);
            if (!Uri.TryCreate(current, location, out var next) || next.Scheme is not ("http" or "https"))
                return new ProbeExchange(url, hops, response, ProbeFailure.None, null);
            if (!string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
                return new ProbeExchange(url, hops, response, ProbeFailure.OffHost, $"redirects to another host ({next.Host}); not followed");
            hops.Add(response);
            current = next;
        }
    }

    private async Task<(ProbeResponse?, ProbeFailure, string?)> SendOnceAsync(
        Uri url, string method, IEnumerable<KeyValuePair<string, string>>? headers, string? hostHeader)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_deadline);
        timeout.CancelAfter(_settings.Timeout);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        request.Headers.TryAddWithoutValidation("User-Agent", $"django-preflight/{Core.ScanReport.ToolVersion} (probe)");
        request.Headers.ConnectionClose = true;
        var userHeaders = hostHeader is null && MayCarryUserHeaders(url) ? _settings.Headers : [];
        foreach (var (name, value) in userHeaders.Concat(headers ?? []))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var invoker = _invoker;
        if (hostHeader is not null)
        {
            request.Headers.Host = hostHeader;
            if (url.Scheme == Uri.UriSchemeHttps && _forgedHostInvoker is not null)
            {
                invoker = _forgedHostInvoker;
                request.RequestUri = new UriBuilder(url) { Scheme = Uri.UriSchemeHttp, Port = url.Port }.Uri;
            }
        }
        try
        {
            using var response = await invoker.SendAsync(request, timeout.Token);
            var (body, cut) = await ReadBodyAsync(response, timeout.Token);
            return (new ProbeResponse(url, (int)response.StatusCode, HeadersOf(response), body, cut), ProbeFailure.None, null);
        }
        catch (Exception e)
        {
            var (failure, message) = Describe(e, url);
            return (null, failure, message);
        }
    }

    /// <summary>The user's headers (often a session cookie) go to the target's host only, over the
    /// target's scheme or HTTPS: never to plain HTTP for an https:// target.</summary>
    private bool MayCarryUserHeaders(Uri url) =>
        _target is null
        || (string.Equals(url.Host, _target.Host, StringComparison.OrdinalIgnoreCase)
            && (url.Scheme == _target.Scheme || url.Scheme == Uri.UriSchemeHttps)
            && (url.Scheme != _target.Scheme || url.Port == _target.Port));

    /// <summary>Reads at most the body bound; a body that never ends is cut there, one that stalls
    /// or breaks is kept as far as it came. Says which of these happened.</summary>
    private async Task<(string, BodyCut)> ReadBodyAsync(HttpResponseMessage response, CancellationToken token)
    {
        var limit = _settings.BodyLimit;
        var buffer = new byte[limit];
        var read = 0;
        var cut = BodyCut.None;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(token);
            while (read < limit)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read, limit - read), token);
                if (n == 0) break;
                read += n;
            }
            if (read == limit && await stream.ReadAsync(new byte[1], token) > 0)
                cut = BodyCut.AtBound;
        }
        catch (OperationCanceledException)
        {
            cut = _deadline.IsCancellationRequested ? BodyCut.Deadline : BodyCut.Timeout;
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            cut = BodyCut.Broken;
        }
        return (Encoding.UTF8.GetString(buffer, 0, read), cut);
    }

    private static List<KeyValuePair<string, string>> HeadersOf(HttpResponseMessage response)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
            foreach (var value in values)
                headers.Add(new(name.ToLowerInvariant(), value));
        return headers;
    }

    private (ProbeFailure, string) Describe(Exception e, Uri url)
    {
        var where = $"{url.Host}:{url.Port}";
        switch (e)
        {
            case RequestBudgetExhaustedException:
                return (ProbeFailure.Budget, e.Message);
            case OperationCanceledException when _deadline.IsCancellationRequested:
                return (ProbeFailure.Deadline, $"{_settings.DeadlineName} passed");
            case OperationCanceledException:
                return (ProbeFailure.Timeout, $"no response from {where} within {_settings.Timeout.TotalSeconds:0.#} s ({_settings.TimeoutOption})");
        }
        var socket = Inner<SocketException>(e);
        if (socket?.SocketErrorCode == SocketError.ConnectionRefused)
            return (ProbeFailure.Refused, $"cannot connect to {where}: connection refused");
        if (socket?.SocketErrorCode == SocketError.TimedOut)
            return (ProbeFailure.Timeout, $"cannot connect to {where}: timed out");
        if (e is HttpRequestException http)
        {
            switch (http.HttpRequestError)
            {
                case HttpRequestError.InvalidResponse:
                    return (ProbeFailure.NotHttp, $"{where} does not answer with HTTP (invalid response)");
                case HttpRequestError.ResponseEnded:
                    return (ProbeFailure.Closed, $"{where} closed the connection without a response");
                case HttpRequestError.SecureConnectionError:
                    return (ProbeFailure.Tls, $"TLS handshake with {where} failed: {Innermost(e)}");
                case HttpRequestError.NameResolutionError:
                    return (ProbeFailure.Refused, $"cannot resolve {url.Host}");
                case HttpRequestError.ConnectionError when socket is not null:
                    return (ProbeFailure.Refused, $"cannot connect to {where}: {socket.Message}");
            }
        }
        if (Inner<AuthenticationException>(e) is not null)
            return (ProbeFailure.Tls, $"TLS handshake with {where} failed: {Innermost(e)}");
        return (ProbeFailure.Other, $"request to {url} failed: {Innermost(e)}");
    }

    private static T? Inner<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e.Message.ReplaceLineEndings(" ");
    }

    public void Dispose()
    {
        _invoker.Dispose();
        _forgedHostInvoker?.Dispose();
    }
}
