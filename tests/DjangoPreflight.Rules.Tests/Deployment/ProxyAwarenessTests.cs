using DjangoPreflight.Core;
using static DjangoPreflight.Rules.Tests.Deployment.DeploymentFixtures;

namespace DjangoPreflight.Rules.Tests.Deployment;

/// <summary>Django findings that the nginx configuration already answers are lowered to info and
/// cite the nginx line; others are left alone.</summary>
public sealed class ProxyAwarenessTests
{
    private static Finding Settings(string rule, string message, int line, Severity severity = Severity.Medium) =>
        new(rule, null, severity, "title", message, new SourceLocation(SettingsPath, line), null, Confidence.Certain);

    private static IReadOnlyList<Finding> DjangoFindings() =>
    [
        Settings("DP201", "DEBUG is True in the production settings.", 2, Severity.Critical),
        Settings("DP204", "ALLOWED_HOSTS contains '*'.", 3),
        Settings("DP302", "SECURE_SSL_REDIRECT is not True.", 4),
        Settings("DP303", "SECURE_HSTS_SECONDS is not set.", 5),
        Settings("DP304", "HSTS without includeSubDomains.", 6, Severity.Low),
        Settings("DP305", "HSTS without preload.", 7, Severity.Low),
    ];

    [Fact]
    public void Nginx_that_redirects_sends_hsts_and_rejects_unknown_hosts_lowers_the_mirrored_findings()
    {
        var adjusted = ProxyAwareness.Apply(DjangoFindings(), Project("nginx-good"));
        // DP305 stays: nginx's HSTS header has no preload. DP201 is not a mirrored rule.
        Assert.Equal(
        [
            "DP201 shop/settings/production.py:2 critical certain | DEBUG is True in the production settings.",
            "DP204 shop/settings/production.py:3 info certain | ALLOWED_HOSTS contains '*'. nginx already rejects unknown Host headers at nginx/conf.d/00-default.conf:9, so this is lowered to info.",
            "DP302 shop/settings/production.py:4 info certain | SECURE_SSL_REDIRECT is not True. nginx already redirects HTTP to HTTPS at nginx/conf.d/shop.conf:10, so this is lowered to info.",
            "DP303 shop/settings/production.py:5 info certain | SECURE_HSTS_SECONDS is not set. nginx already sends Strict-Transport-Security at nginx/conf.d/shop.conf:19, so this is lowered to info.",
            "DP304 shop/settings/production.py:6 info certain | HSTS without includeSubDomains. nginx already sends Strict-Transport-Security with includeSubDomains at nginx/conf.d/shop.conf:19, so this is lowered to info.",
            "DP305 shop/settings/production.py:7 low certain | HSTS without preload.",
        ], Render(adjusted));
    }

    [Fact]
    public void Nginx_that_does_not_do_the_job_leaves_findings_unchanged()
    {
        var findings = DjangoFindings();
        Assert.Equal(Render(findings), Render(ProxyAwareness.Apply(findings, Project("nginx-bad"))));
        Assert.Equal(Render(findings), Render(ProxyAwareness.Apply(findings, Project("compose"))));
    }
}
