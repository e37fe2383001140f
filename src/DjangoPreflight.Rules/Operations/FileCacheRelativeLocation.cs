using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP611: a file-based cache's LOCATION is a relative path (Django 3.2+'s caches.W003, a
/// check every <c>manage.py</c> command runs).</summary>
public sealed class FileCacheRelativeLocation : DeployCheckRule
{
    public const string FileBasedCache = "django.core.cache.backends.filebased.FileBasedCache";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP611",
        Title: "A file-based cache has a relative LOCATION",
        Category: Category.Operations,
        DefaultSeverity: Severity.Low,
        DjangoIds: ["caches.W003"],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                A relative LOCATION is resolved against the working directory of whichever process opens
                the cache: the application server, a worker and manage.py each get their own cache
                directory (so invalidation misses some), and it may land inside the code or a served folder.
                """,
            Fix: """
                Give the cache an absolute path outside the source tree and the static and media roots.
                """,
            Before: """
                CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "cache"}}
                """,
            After: """
                CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": "/var/cache/shop"}}
                """));

    // Django 3.2+: for each alias whose backend is FileBasedCache, pathlib.Path(config["LOCATION"]).is_absolute().
    // Backends other than Django's own class are taken as not file-based (a project subclass is not followed).
    public override IEnumerable<Finding> Check(DeploySettings settings)
    {
        if (settings.Version is { } v && v < new DjangoVersion(3, 2)) yield break;
        if (settings.Value("CACHES") is not PyDict caches) yield break;
        foreach (var (alias, config) in caches.Entries)
        {
            if (alias is not PyStr name || config is not PyDict entry || entry.Get("BACKEND") is not PyStr { Value: FileBasedCache }) continue;
            bool? relative = entry.Get("LOCATION") switch
            {
                PyStr s => !s.Value.StartsWith('/'),
                PyPath p => !p.Value.StartsWith('/'),
                PyUnknown u => settings.Undecided(u.Reason),
                // No LOCATION, or not a path: Django's check raises instead of warning.
                _ => false,
            };
            foreach (var f in When(relative, settings, "caches.W003", "CACHES",
                         $"The '{name.Value}' cache (FileBasedCache) has the relative LOCATION {PyRepr.Of(entry.Get("LOCATION")!)}: "
                         + "each process resolves it against its own working directory."))
                yield return f;
        }
    }
}
