using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>Reports built by hand, covering what writers must handle: every severity, a Django
/// ID, a URL location, missing line/column, text needing escapes, notices and parse errors.</summary>
public static class SampleReports
{
    public static readonly RuleDescriptor Debug = new("DP201", "DEBUG is on in production", Category.Disclosure, Severity.Critical,
        ["security.W018"], ["000"], new RuleDocs("Error pages leak source and settings.", "Set DEBUG = False.", "DEBUG = True", "DEBUG = False"));

    public static readonly RuleDescriptor Hosts = new("DP204", "ALLOWED_HOSTS contains *", Category.Disclosure, Severity.High,
        [], ["000"], new RuleDocs("Any Host header is accepted.", "List your hosts.", "ALLOWED_HOSTS = ['*']", "ALLOWED_HOSTS = ['shop.example.com']"));

    public static ScanReport Scan() => new(
        new TargetInfo(Path: "examples/shop", SettingsModule: "shop.settings.production", DjangoVersion: "4.2") { Reasons = ["named like production"] },
        [
            new Finding("DP201", "security.W018", Severity.Critical, Debug.Title, "DEBUG is True | \"quoted\" <tag>",
                new SourceLocation("shop/settings/base.py", 12, 1), "DEBUG", Confidence.Certain),
            new Finding("DP204", null, Severity.High, Hosts.Title, "ALLOWED_HOSTS = ['*']\nsecond line",
                new SourceLocation("shop/settings/base.py", 20), "ALLOWED_HOSTS", Confidence.Low),
            new Finding("DP601", null, Severity.Low, "STATIC_ROOT is not set", "No STATIC_ROOT.",
                new SourceLocation("shop/settings/production.py"), null, Confidence.High),
        ],
        new ReportSummary(42, ["CACHES"], [new ParseErrorInfo("legacy/old.py", 3, "invalid syntax")], ["history scan skipped (--no-history)"])
        {
            Requirements = [new Requirement("DJANGO_SECRET_KEY", ["SECRET_KEY"], new SourceLocation("shop/settings.py", 7), "raises ImproperlyConfigured")],
        })
    {
        Rules = [Debug, Hosts],
    };

    public const string CutShortNotice = "the scan was cut short by its time budget (--timeout 0.5 s); rules not run: DP204, DP601";

    /// <summary><see cref="Scan"/> as the time budget left it: cut short, the notice among the others.</summary>
    public static ScanReport CutShort()
    {
        var whole = Scan();
        return whole with { Summary = whole.Summary with { Notices = [.. whole.Summary.Notices, CutShortNotice], CutShort = CutShortNotice } };
    }

    public static ScanReport Probe() => new(
        new TargetInfo(Url: "https://shop.example.com/", Grade: "C+"),
        [
            new Finding("DPL04", null, Severity.Medium, "HSTS header missing", "No Strict-Transport-Security header.",
                SourceLocation.ForUrl("https://shop.example.com/"), null, Confidence.Certain),
        ],
        new ReportSummary(0, [], [], []));
}
