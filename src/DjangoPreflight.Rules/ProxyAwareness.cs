using System.Globalization;
using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Infrastructure;

namespace DjangoPreflight.Rules;

/// <summary>
/// Lowers a Django-settings finding to info when the project's nginx configuration already does
/// what the setting would: redirect HTTP to HTTPS (DP302), send HSTS (DP303, with includeSubDomains
/// DP304, with preload DP305), reject unknown Host headers (DP204). The finding keeps its ID and its
/// message cites the nginx file:line that satisfies it. Keyed on rule IDs only.
/// </summary>
public static partial class ProxyAwareness
{
    private static readonly HashSet<string> Mirrored = new(StringComparer.Ordinal) { "DP204", "DP302", "DP303", "DP304", "DP305" };

    public static IReadOnlyList<Finding> Apply(IReadOnlyList<Finding> findings, ProjectContext project)
    {
        // Reading deployment files costs something; only do it when a mirrored finding is there.
        if (!findings.Any(f => Mirrored.Contains(f.RuleId) && f.Severity != Severity.Info)) return findings;
        // A development or test nginx says nothing about what production's proxy does.
        var configs = project.Deployment.ProductionNginx.ToList();
        if (configs.Count == 0) return findings;
        var cache = new Dictionary<string, (NginxDirective Directive, string What)?>(StringComparer.Ordinal);
        var adjusted = findings.Select(f =>
        {
            if (!Mirrored.Contains(f.RuleId) || f.Severity == Severity.Info) return f;
            if (!cache.TryGetValue(f.RuleId, out var satisfied))
                cache[f.RuleId] = satisfied = Satisfier(f.RuleId, configs);
            if (satisfied is not var (directive, what)) return f;
            return f with
            {
                Severity = Severity.Info,
                Message = $"{f.Message} nginx already {what} at {directive.Location}, so this is lowered to info.",
            };
        }).ToList();
        adjusted.Sort(FindingOrder.Instance);
        return adjusted;
    }

    /// <summary>The nginx directive that does the rule's job in every configuration, or null.</summary>
    private static (NginxDirective, string)? Satisfier(string ruleId, IReadOnlyList<NginxConfig> configs)
    {
        switch (ruleId)
        {
            case "DP302":
                return Every(configs, NginxNoHttpsRedirect.RedirectFor) is { } redirect ? (redirect, "redirects HTTP to HTTPS") : null;
            case "DP204":
                return Every(configs, NginxNoDefaultServer.GuardFor) is { } guard ? (guard, "rejects unknown Host headers") : null;
            default:
                var need = ruleId switch { "DP304" => "includeSubDomains", "DP305" => "preload", _ => null };
                return Every(configs, c => Hsts(c, need)) is { } hsts
                    ? (hsts, need is null ? "sends Strict-Transport-Security" : $"sends Strict-Transport-Security with {need}")
                    : null;
        }
    }

    /// <summary>The first config's answer when every config that has servers answers; else null.</summary>
    private static NginxDirective? Every(IReadOnlyList<NginxConfig> configs, Func<NginxConfig, NginxDirective?> answer)
    {
        NginxDirective? first = null;
        foreach (var config in configs.Where(c => c.Servers.Count > 0))
        {
            if (answer(config) is not { } found) return null;
            first ??= found;
        }
        return first;
    }

    /// <summary>The HSTS header every TLS server of the config sends (max-age over 0, with
    /// <paramref name="need"/> if given), or null.</summary>
    private static NginxDirective? Hsts(NginxConfig config, string? need)
    {
        // Servers that reject every request (the catch-all default) serve nothing to protect.
        var tls = config.Servers.Where(s => s.Listens.Any(s.IsSsl) && s.Rejection is null).ToList();
        if (tls.Count == 0) return null;
        NginxDirective? first = null;
        foreach (var server in tls)
        {
            var header = server.EffectiveHeader("Strict-Transport-Security");
            if (header is null || MaxAge().Match(header.Arg(1)) is not { Success: true } m
                || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age <= 0)
                return null;
            if (need is not null && !header.Arg(1).Contains(need, StringComparison.OrdinalIgnoreCase)) return null;
            first ??= header;
        }
        return first;
    }

    [GeneratedRegex(@"max-age\s*=\s*""?(\d+)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MaxAge();
}
