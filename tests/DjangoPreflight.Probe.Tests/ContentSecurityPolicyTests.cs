using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Tests;

public sealed class ContentSecurityPolicyTests
{
    private static IReadOnlyList<string> Weaknesses(string header) =>
        ContentSecurityPolicy.ParseHeader(header, reportOnly: false).Single().ScriptWeaknesses();

    [Fact]
    public void SelfOnlyIsSound() => Assert.Empty(Weaknesses("default-src 'self'; object-src 'none'"));

    [Fact]
    public void UnsafeInlineWithoutNonceIsWeak() =>
        Assert.Equal(["'unsafe-inline' allows injected inline scripts"], Weaknesses("script-src 'self' 'unsafe-inline'"));

    [Fact]
    public void UnsafeInlineIsIgnoredNextToANonce() => Assert.Empty(Weaknesses("script-src 'nonce-abc123' 'unsafe-inline'"));

    [Fact]
    public void StrictDynamicWithNonceIgnoresHostAllowLists() =>
        Assert.Empty(Weaknesses("script-src 'nonce-abc' 'strict-dynamic' https: 'unsafe-inline'"));

    [Fact]
    public void SchemeSourcesWithoutStrictDynamicAreWeak() =>
        Assert.Equal(["https: allows scripts from anywhere"], Weaknesses("script-src 'self' https:"));

    [Fact]
    public void ScriptSrcOverridesDefaultSrc() =>
        Assert.Equal(["'unsafe-eval' allows eval()"], Weaknesses("default-src 'none'; script-src 'self' 'unsafe-eval'"));

    [Fact]
    public void FirstDuplicateDirectiveWinsAndNamesAreCaseInsensitive() =>
        Assert.Empty(Weaknesses("SCRIPT-SRC 'self'; script-src *"));

    [Fact]
    public void NoScriptDirectiveDoesNotRestrictScripts() =>
        Assert.Equal(["no script-src or default-src: scripts are not restricted"], Weaknesses("frame-ancestors 'none'"));

    [Fact]
    public void CommaSeparatesPoliciesInOneHeader()
    {
        var policies = ContentSecurityPolicy.ParseHeader("default-src *, script-src 'self'", reportOnly: false).ToList();
        Assert.Equal(2, policies.Count);
        Assert.Equal(["* allows scripts from anywhere"], policies[0].ScriptWeaknesses());
        Assert.Empty(policies[1].ScriptWeaknesses());
    }

    [Fact]
    public void MetaPolicyIgnoresFrameAncestorsAndIsFoundWhateverTheAttributeOrder()
    {
        var html = """<head><meta content="default-src 'self'; frame-ancestors 'none'" http-equiv='content-security-policy'><meta name="x" content="y"></head>""";
        var policy = ContentSecurityPolicy.ParseMeta(HtmlMeta.ContentSecurityPolicies(html).Single());
        Assert.True(policy.FromMeta);
        Assert.Null(policy.Directive("frame-ancestors"));
        Assert.Equal(["'self'"], policy.Directive("default-src"));
    }

    [Fact]
    public void MetaContentIsHtmlDecoded() =>
        Assert.Equal(["script-src &#39;self&#39;".Replace("&#39;", "'")],
            HtmlMeta.ContentSecurityPolicies("""<meta http-equiv="Content-Security-Policy" content="script-src &#39;self&#39;">"""));
}
