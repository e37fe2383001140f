using System.Net;
using DjangoPreflight.Probe.Http;

namespace DjangoPreflight.Probe.Tests;

/// <summary>The HTTP layer's own guarantees, with the network handler replaced by one that records.</summary>
public sealed class GuardHandlerTests
{
    private sealed class Recorder(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add($"{request.Method} {request.RequestUri} {request.Headers.Host}");
            return Task.FromResult(answer(request));
        }
    }

    private static ProbeClient Client(Recorder recorder, int max = 30) =>
        new(new ProbeSettings { MaxRequests = max }, new RequestBudget(max), CancellationToken.None, recorder);

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task UnsafeMethodsNeverLeave(string method)
    {
        var recorder = new Recorder(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var client = Client(recorder);
        var exchange = await client.SendAsync(new Uri("http://site.test/"), method);
        Assert.Null(exchange.Response);
        Assert.Equal($"request to http://site.test/ failed: the probe sends only GET, HEAD and OPTIONS, not {method}", exchange.Error);
        Assert.Empty(recorder.Seen);
        Assert.Equal(0, client.Budget.Used);
    }

    [Fact]
    public async Task RedirectLoopStopsAtTheBudgetAndEveryHopCounts()
    {
        var recorder = new Recorder(r => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri(r.RequestUri!.AbsolutePath == "/a" ? "/b" : "/a", UriKind.Relative) } });
        using var client = Client(recorder, max: 3);
        var exchange = await client.SendAsync(new Uri("http://site.test/"));
        Assert.Equal(ProbeFailure.Budget, exchange.Failure);
        Assert.Equal("the request budget (--max-requests 3) is used up", exchange.Error);
        Assert.Equal(["GET http://site.test/ ", "GET http://site.test/a ", "GET http://site.test/b "], recorder.Seen);
        Assert.Equal(3, client.Budget.Used);
    }

    [Fact]
    public async Task RedirectsToAnotherHostAreNotFollowed()
    {
        var recorder = new Recorder(_ => new HttpResponseMessage(HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri("https://elsewhere.test/") } });
        using var client = Client(recorder);
        var exchange = await client.SendAsync(new Uri("http://site.test/"));
        Assert.Equal(301, exchange.Response!.Status);
        Assert.Equal(ProbeFailure.OffHost, exchange.Failure);
        Assert.Equal("redirects to another host (elsewhere.test); not followed", exchange.Error);
        Assert.Single(recorder.Seen);
    }

    [Fact]
    public async Task SameHostRedirectToHttpsIsFollowed()
    {
        var recorder = new Recorder(r => r.RequestUri!.Scheme == "http"
            ? new HttpResponseMessage(HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri("https://site.test/") } }
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var client = Client(recorder);
        var exchange = await client.SendAsync(new Uri("http://site.test/"));
        Assert.Equal(new Uri("https://site.test/"), exchange.Response!.Url);
        Assert.Equal(301, exchange.First!.Status);
        Assert.Equal(2, client.Budget.Used);
    }
}
