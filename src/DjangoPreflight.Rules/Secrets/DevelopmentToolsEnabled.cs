using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Environment;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Core.Files;
using DjangoPreflight.Rules.Support;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP111: development-only apps or middleware that expose something over HTTP (debug toolbar,
/// silk unless gated) are enabled in the production settings, or the environment sets the development escape hatch
/// DJANGO_ALLOW_ASYNC_UNSAFE (which Django's deploy check reports as async.E001).</summary>
public sealed class DevelopmentToolsEnabled : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP111",
        Title: "Development-only apps or middleware are enabled in production",
        Category: Category.Secrets,
        DefaultSeverity: Severity.Medium,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                The debug toolbar and silk record and display SQL, settings, headers and request data. They
                are built for trusted machines: in production one wrong INTERNAL_IPS entry or a proxy address
                shows internals to the world, and they cost time on every request. Silk is not reported when
                it is gated (SILKY_AUTHENTICATION and SILKY_AUTHORISATION on, recording chosen per request by
                SILKY_INTERCEPT_FUNC), nor django-extensions, which adds management commands but serves nothing. DJANGO_ALLOW_ASYNC_UNSAFE
                switches off Django's guard against blocking ORM calls inside async code, a shortcut meant
                for notebooks and shells.
                """,
            Fix: """
                Add them only in the development settings module (or behind `if DEBUG:`), never in the base
                or production settings.
                """,
            Before: """
                INSTALLED_APPS = [..., "debug_toolbar"]
                MIDDLEWARE = [..., "debug_toolbar.middleware.DebugToolbarMiddleware"]
                """,
            After: """
                # settings/dev.py
                INSTALLED_APPS += ["debug_toolbar"]
                MIDDLEWARE += ["debug_toolbar.middleware.DebugToolbarMiddleware"]
                """));

    private static readonly (string Setting, string Entry, string What)[] DevelopmentOnly =
    [
        ("INSTALLED_APPS", "debug_toolbar", "django-debug-toolbar"),
        ("INSTALLED_APPS", "silk", "django-silk"),
        ("MIDDLEWARE", "debug_toolbar.middleware.DebugToolbarMiddleware", "django-debug-toolbar"),
        ("MIDDLEWARE", "silk.middleware.SilkyMiddleware", "django-silk"),
    ];

    public override IEnumerable<Finding> Check(ProjectContext project) =>
        (project.Settings.Production is { } settings ? CheckSettings(settings, project.Code.Locator, project.Code.Urls.DebugToolbarUnguarded) : [])
            .Concat(CheckEnvironment(project.EnvProfile, project.Options.EnvFiles, project.Root));

    /// <summary>Django's async.E001 (a deploy check): DJANGO_ALLOW_ASYNC_UNSAFE, a development escape
    /// hatch, is set to a non-empty value in the environment production runs with.</summary>
    public IEnumerable<Finding> CheckEnvironment(EnvProfile profile, IReadOnlyList<string> envFiles, string root)
    {
        // Django's condition is os.environ.get(...) being truthy: any non-empty value.
        if (!profile.TryGet(AsyncUnsafe, out var value) || value.Length == 0) yield break;
        var file = envFiles.LastOrDefault(f => ReadOrEmpty(f).Contains(AsyncUnsafe, StringComparison.Ordinal));
        var shown = file is null ? null : Path.GetRelativePath(root, file).Replace('\\', '/') is var rel && !rel.StartsWith("../", StringComparison.Ordinal) ? rel : file;
        // Without --env-file, the production deployment file that sets it.
        var at = profile.Origins.TryGetValue(AsyncUnsafe, out var origin) ? origin.Location : new SourceLocation(shown);
        yield return Finding($"{AsyncUnsafe} is set in the environment: Django's protection against running synchronous ORM code in an async context is off.",
            at, severity: Severity.High, djangoId: "async.E001");
    }

    private const string AsyncUnsafe = "DJANGO_ALLOW_ASYNC_UNSAFE";

    private static string ReadOrEmpty(string envFile)
    {
        try
        {
            return BoundedFile.ReadText(envFile, BoundedFile.CommandLineMaxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // reported when the environment was loaded
        }
    }

    /// <param name="toolbarUrls">Where the URLconf mounts the toolbar's URLs outside <c>if settings.DEBUG</c>.</param>
    public IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null, IReadOnlyList<SourceLocation>? toolbarUrls = null)
    {
        foreach (var group in DevelopmentOnly.GroupBy(d => d.Setting))
        {
            var present = group.Where(d => SettingValues.AnyString(settings[group.Key]?.Value,
                s => s == d.Entry || s.StartsWith(d.Entry + ".apps.", StringComparison.Ordinal))
                && !(d.What == "django-silk" && SilkGated(settings))).ToList();
            if (present.Count == 0) continue;
            var names = string.Join(", ", present.Select(p => $"{p.Entry} ({p.What})"));
            var exposure = group.Key == "INSTALLED_APPS" && present.Any(p => p.Entry == "debug_toolbar") ? InternalIpsRemark(settings) + UrlsRemark(toolbarUrls) : "";
            var first = present[0].Entry;
            var at = locator?.Find(settings, group.Key, s => s == first || s.StartsWith(first + ".apps.", StringComparison.Ordinal)) ?? settings.LocationOf(group.Key);
            yield return Finding($"{group.Key} enables development-only {names} in production.{exposure}", at, setting: group.Key);
        }
    }

    /// <summary>Silk deployed on purpose behind its own gates: its pages need a signed-in user with
    /// permission (SILKY_AUTHENTICATION, SILKY_AUTHORISATION), and the middleware records only the requests
    /// SILKY_INTERCEPT_FUNC selects (a function the settings bind). Each must be set in the settings, not assumed.</summary>
    private static bool SilkGated(SettingsModel settings) =>
        settings["SILKY_AUTHENTICATION"]?.Value is PyBool { Value: true }
        && settings["SILKY_AUTHORISATION"]?.Value is PyBool { Value: true }
        && settings["SILKY_INTERCEPT_FUNC"] is { IsDefault: false, Value: PyObjectValue };

    /// <summary>The toolbar's URLs mounted whatever DEBUG is: they answer as soon as the toolbar shows itself.</summary>
    private static string UrlsRemark(IReadOnlyList<SourceLocation>? toolbarUrls) =>
        toolbarUrls is [var first, ..] ? $" Its URLs are mounted outside `if settings.DEBUG` ({first})." : "";

    /// <summary>The toolbar shows itself to INTERNAL_IPS: addresses beyond loopback widen who sees it.</summary>
    private static string InternalIpsRemark(SettingsModel settings)
    {
        var outside = SettingValues.KnownStrings(settings["INTERNAL_IPS"]?.Value)?
            .Where(ip => ip is not ("127.0.0.1" or "::1" or "localhost")).Order(StringComparer.Ordinal).ToList();
        return outside is { Count: > 0 } ? $" INTERNAL_IPS also lists {string.Join(", ", outside)}." : "";
    }
}
