using DjangoPreflight.Core;
using DjangoPreflight.Rules.Suppressions;

namespace DjangoPreflight.Rules.Tests.Suppressions;

/// <summary>What a baseline fingerprint keeps (rule, path, setting, message) and what it drops (line numbers).</summary>
public sealed class FindingFingerprintTests
{
    private static Finding At(string path, int line, string message, string? setting = "X_FRAME_OPTIONS", string rule = "DP402") =>
        new(rule, null, Severity.Medium, "title", message, new SourceLocation(path, line, 1), setting, Confidence.Certain);

    [Theory]
    [InlineData("trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py:14:1): x", "trusts it (SECURE_PROXY_SSL_HEADER at shop/settings/production.py): x")]
    [InlineData("committed in d325fcabdf (.env:2) and", "committed in d325fcabdf (.env) and")]
    [InlineData("selected by Dockerfile:4", "selected by Dockerfile")]
    [InlineData("(e.g. deploy/nginx/shop.conf:24): clients", "(e.g. deploy/nginx/shop.conf): clients")]
    [InlineData("see line 12 and lines 3-9", "see line and lines")]
    [InlineData("runserver 0.0.0.0:8000`.", "runserver 0.0.0.0:8000`.")]
    [InlineData("Django 3.2.19 is missing 6 fixes", "Django 3.2.19 is missing 6 fixes")]
    [InlineData("security.W018 at 10:30", "security.W018 at 10:30")]
    public void LineNumbersAreTakenOutOfMessages(string message, string expected) =>
        Assert.Equal(expected, FindingFingerprint.WithoutLineNumbers(message));

    [Fact]
    public void MovingAFindingKeepsItsFingerprint()
    {
        var before = At("shop/settings/base.py", 119, "X_FRAME_OPTIONS is 'SAMEORIGIN', cf. shop/settings/base.py:119:1");
        var after = At("shop/settings/base.py", 140, "X_FRAME_OPTIONS is 'SAMEORIGIN', cf. shop/settings/base.py:140:1") with { Location = new SourceLocation("shop/settings/base.py", 140, 5) };
        Assert.Equal(FindingFingerprint.Of(before), FindingFingerprint.Of(after));
    }

    [Fact]
    public void RulePathSettingAndMessageEachTellFindingsApart()
    {
        var original = FindingFingerprint.Of(At("a.py", 1, "X_FRAME_OPTIONS is 'SAMEORIGIN'"));
        Assert.NotEqual(original, FindingFingerprint.Of(At("b.py", 1, "X_FRAME_OPTIONS is 'SAMEORIGIN'")));
        Assert.NotEqual(original, FindingFingerprint.Of(At("a.py", 1, "X_FRAME_OPTIONS is 'SAMEORIGIN'", setting: "OTHER")));
        Assert.NotEqual(original, FindingFingerprint.Of(At("a.py", 1, "X_FRAME_OPTIONS is 'SAMEORIGIN'", rule: "DP401")));
        Assert.NotEqual(original, FindingFingerprint.Of(At("a.py", 1, "X_FRAME_OPTIONS is 'ALLOWALL'")));
        Assert.Matches("^[0-9a-f]{16}$", original.Evidence);
    }
}
