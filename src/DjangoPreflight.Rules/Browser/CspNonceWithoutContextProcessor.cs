using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP412: the CSP middleware sends a nonce, but no template engine has the context processor
/// that gives it to templates (Django 6.1+'s security.W027).</summary>
public sealed class CspNonceWithoutContextProcessor : DeployCheckRule
{
    public const string CspMiddleware = "django.middleware.csp.ContentSecurityPolicyMiddleware";
    public const string ContextProcessor = "django.template.context_processors.csp";
    public const string NonceSentinel = "<CSP_NONCE_SENTINEL>";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP412",
        Title: "A CSP nonce no template can use",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.W027"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                With CSP.NONCE in a policy, Django's CSP middleware puts a fresh nonce in the header of
                every response, and only scripts and styles carrying that nonce may run. Templates get the
                nonce from the django.template.context_processors.csp context processor: without it, no
                template can mark its inline code, so either the site's own scripts are blocked or the
                policy gets loosened ('unsafe-inline') to make them work.
                """,
            Fix: """
                Add "django.template.context_processors.csp" to the context_processors of the template
                engine, and use {{ csp_nonce }} in the templates' script and style tags.
                """,
            Before: """
                SECURE_CSP = {"script-src": [CSP.SELF, CSP.NONCE]}
                TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "OPTIONS": {"context_processors": []}}]
                """,
            After: """
                SECURE_CSP = {"script-src": [CSP.SELF, CSP.NONCE]}
                TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates",
                              "OPTIONS": {"context_processors": ["django.template.context_processors.csp"]}}]
                """));

    // Django 6.1+: the middleware is installed, a policy holds the nonce, and no TEMPLATES entry lists the processor.
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        if (!settings.AtLeast(6, 1)) return [];
        var fires = settings.HasMiddleware(CspMiddleware) & AnyPolicyHasNonce(settings) & !ContextProcessorConfigured(settings);
        var policy = settings.Model.IsSet("SECURE_CSP") ? "SECURE_CSP" : "SECURE_CSP_REPORT_ONLY";
        return When(fires, settings, "security.W027", policy,
            $"{policy} uses CSP.NONCE with {CspMiddleware} installed, but no TEMPLATES entry lists {ContextProcessor}: "
            + "the nonce is sent in the header but templates cannot use it.");
    }

    /// <summary>Django's _csp_policy_contains_nonce over both policies: a policy without values() holds
    /// none; a directive holds it when it equals the sentinel or contains it (membership in a list, a
    /// set or a dict's keys, a substring of a string); a directive where that raises TypeError holds none.</summary>
    private static bool? AnyPolicyHasNonce(DeploySettings settings)
    {
        bool? any = false;
        foreach (var name in ContentSecurityPolicySettingInvalid.Settings)
        {
            if (settings.Value(name) is PyUnknown u)
            {
                settings.Note(u);
                any = any == true ? true : null;
                continue;
            }
            if (settings.Value(name) is not PyDict policy) continue;
            foreach (var (_, directive) in policy.Entries)
            {
                bool? has = directive switch
                {
                    PyStr s => s.Value.Contains(NonceSentinel, StringComparison.Ordinal),
                    PyDict d => Holds(d.Entries.Select(e => e.Key), NonceSentinel, settings),
                    { AsSequence: { } items } => Holds(items, NonceSentinel, settings),
                    PyUnknown du => settings.Undecided(du.Reason),
                    _ => false,
                };
                if (has == true) return true;
                if (has is null) any = null;
            }
        }
        return any;
    }

    /// <summary>Django's _csp_context_processor_configured: any TEMPLATES entry that is a dict whose
    /// OPTIONS' context_processors contains the processor (a string contains it as a substring).</summary>
    private static bool? ContextProcessorConfigured(DeploySettings settings)
    {
        var templates = settings.Value("TEMPLATES");
        var entries = templates switch
        {
            PyStr s => s.Value.Select(c => (PyValue)new PyStr(c.ToString())),
            PyDict d => d.Entries.Select(e => e.Key),
            { AsSequence: { } items } => items,
            PyUnknown => null,
            _ => [],
        };
        if (entries is null) return null;
        bool? any = false;
        foreach (var entry in entries)
        {
            if (entry is PyUnknown u) { any = any == true ? true : settings.Undecided(u.Reason); continue; }
            if (entry is not PyDict { IsDictInstance: true } template) continue;
            var options = template.Get("OPTIONS") ?? new PyDict([]);
            if (options is PyUnknown ou) { any = any == true ? true : settings.Undecided(ou.Reason); continue; }
            // OPTIONS that is not a dict makes Django's check raise AttributeError.
            if (options is not PyDict optionsDict) { any = any == true ? true : settings.Undecided("a TEMPLATES entry's OPTIONS is not a dict"); continue; }
            var processors = optionsDict.Get("context_processors") ?? new PyList([]);
            bool? has = processors switch
            {
                PyStr s => s.Value.Contains(ContextProcessor, StringComparison.Ordinal),
                PyDict d => Holds(d.Entries.Select(e => e.Key), ContextProcessor, settings),
                { AsSequence: { } items } => Holds(items, ContextProcessor, settings),
                PyUnknown pu => settings.Undecided(pu.Reason),
                _ => settings.Undecided("context_processors is not a container"),
            };
            if (has == true) return true;
            if (has is null) any = null;
        }
        return any;
    }

    /// <summary>Python's <c>wanted in items</c> over strings, unknown items making it undecided.</summary>
    private static bool? Holds(IEnumerable<PyValue> items, string wanted, DeploySettings settings)
    {
        bool? result = false;
        foreach (var item in items)
        {
            if (item is PyStr s && s.Value == wanted) return true;
            if (item is PyUnknown u) result = settings.Undecided(u.Reason);
        }
        return result;
    }
}
