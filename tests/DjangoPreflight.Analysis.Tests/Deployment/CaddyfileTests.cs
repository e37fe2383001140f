using DjangoPreflight.Analysis.Deployment.Caddy;

namespace DjangoPreflight.Analysis.Tests.Deployment;

/// <summary>The Caddyfile reader: global options, snippets imported into sites, quoted words,
/// comments, placeholders with defaults, and a hostile nesting depth.</summary>
public sealed class CaddyfileTests
{
    private const string Text = """
        # global options
        {
        	auto_https disable_redirects
        	servers {
        		trusted_proxies static private_ranges
        	}
        }

        (proxy) {
        	reverse_proxy /api/* api:8000 {
        		header_up X-Forwarded-Proto "https"
        	}
        }

        {$SITE_ADDRESS:shop.example.com} {
        	import proxy
        	@media path /media/*
        	file_server @media
        	header Content-Security-Policy "default-src 'self'" # a comment
        }
        """;

    [Fact]
    public void Sites_import_snippets_and_read_matchers_quotes_and_placeholders()
    {
        var config = new CaddyConfig("Caddyfile", CaddyParser.Parse(Text, "Caddyfile"));
        var site = Assert.Single(config.Sites);
        Assert.Equal(["{$SITE_ADDRESS:shop.example.com}"], site.Addresses);
        Assert.Equal("shop.example.com", CaddyConfig.Resolved(site.Addresses[0]));
        Assert.Equal("disable_redirects", config.AutoHttps?.Arg(0));
        Assert.False(site.RedirectsToHttps);
        var proxy = Assert.Single(site.Proxies);
        Assert.Equal(("/api", "api:8000", "Caddyfile:10"), (proxy.Prefix, proxy.Upstreams.Single(), proxy.Directive.Location.ToString()));
        Assert.Null(CaddyHeaders.ClientValue(config, proxy, "X-Forwarded-Proto"));
        Assert.Equal("Caddy passes a client's X-Remote-User header on unless header_up sets it", CaddyHeaders.ClientValue(config, proxy, "X-Remote-User"));
        Assert.Equal([("/media", "Caddyfile:18")], site.FileRoutes.Select(r => (r.Prefix, r.FileServer.Location.ToString())));
        Assert.Equal("default-src 'self'", site.ResponseHeader("Content-Security-Policy")?.Value);
    }

    [Theory]
    [InlineData("shop.example.com", false, false, true)]
    [InlineData("https://shop.example.com:443", false, false, true)]
    [InlineData("http://shop.example.com", false, true, false)]
    [InlineData("shop.example.com:80", false, true, false)]
    [InlineData("shop.example.com:8443", false, false, false)]
    [InlineData(":80", true, true, false)]
    [InlineData("http://", true, true, false)]
    [InlineData(":443", true, false, false)]
    [InlineData("*.example.com", true, false, true)]
    [InlineData("{$HOST:shop.example.com}", false, false, true)]
    public void Addresses_say_which_hosts_they_answer_and_whether_automatic_https_applies(string written, bool anyHost, bool plainHttp, bool automaticHttps)
    {
        var address = CaddyAddress.Parse(written);
        Assert.NotNull(address);
        Assert.Equal((anyHost, plainHttp, automaticHttps), (address.AnyHost, address.PlainHttp, address.AutomaticHttps));
    }

    [Fact]
    public void An_address_left_to_the_environment_is_unknown() => Assert.Null(CaddyAddress.Parse("{$SITE_ADDRESS}"));

    [Fact]
    public void A_hostile_nesting_depth_is_read_without_recursing_into_it()
    {
        var deep = "shop.example.com {\n" + string.Concat(Enumerable.Repeat("route {\n", 100_000)) + "respond 200\n"
                   + string.Concat(Enumerable.Repeat("}\n", 100_000)) + "reverse_proxy app:8000\n}\n";
        var config = new CaddyConfig("Caddyfile", CaddyParser.Parse(deep, "Caddyfile"));
        Assert.Equal("app:8000", Assert.Single(Assert.Single(config.Sites).Proxies).Upstreams.Single());
    }
}
