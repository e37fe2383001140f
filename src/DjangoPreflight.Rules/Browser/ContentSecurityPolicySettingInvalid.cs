using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Browser;

/// <summary>DP411: SECURE_CSP or SECURE_CSP_REPORT_ONLY is neither None nor a dict (Django 6.0+'s
/// security.E026, a check every <c>manage.py</c> command runs, not only <c>--deploy</c>).</summary>
public sealed class ContentSecurityPolicySettingInvalid : DeployCheckRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP411",
        Title: "The Content Security Policy setting is not a dict",
        Category: Category.Browser,
        DefaultSeverity: Severity.Medium,
        DjangoIds: ["security.E026"],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Django 6's ContentSecurityPolicyMiddleware builds the header from a dict of directives.
                Anything else (a header string, a list, a read-only mappingproxy) is an error of Django's
                system checks: migrate and the other management commands refuse to run, and with the
                middleware installed a string or list policy makes every response fail.
                """,
            Fix: """
                Write each policy as a dict mapping a directive to its values (use django.utils.csp.CSP for
                the keywords), or None to send no header.
                """,
            Before: """
                SECURE_CSP = "default-src 'self'"
                """,
            After: """
                from django.utils.csp import CSP

                SECURE_CSP = {"default-src": [CSP.SELF]}
                """));

    public static readonly string[] Settings = ["SECURE_CSP", "SECURE_CSP_REPORT_ONLY"];

    // Django 6.0+: getattr(settings, name, None) is not None and not isinstance(value, dict).
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        if (!settings.AtLeast(6, 0)) yield break;
        foreach (var name in Settings)
        {
            var value = settings.Value(name);
            bool? invalid = value switch
            {
                PyNone => false,
                PyDict d => !d.IsDictInstance,
                PyUnknown => null,
                _ => true,
            };
            var shown = PyRepr.Of(value) is { Length: <= 80 } r ? r : Py(value);
            foreach (var f in When(invalid, settings, "security.E026", name,
                         $"{name} is {shown}, not a dict or None: Django 6.0+'s system checks fail with security.E026, so management commands such as migrate refuse to run."))
                yield return f;
        }
    }

    private static string Py(PyValue value) => value switch
    {
        PyDict d => $"a {d.TypeName}",
        PyList => "a list",
        PyTuple => "a tuple",
        PySet => "a set",
        PyStr => "a string",
        _ => "not a dict",
    };
}
