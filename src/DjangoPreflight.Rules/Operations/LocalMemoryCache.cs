using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Operations;

/// <summary>DP607: a cache (the default one included, and Django's default CACHES) is per-process
/// local memory.</summary>
public sealed class LocalMemoryCache : ProductionSettingsRule
{
    public const string LocMem = "django.core.cache.backends.locmem.LocMemCache";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP607",
        Title: "The cache is per-process local memory",
        Category: Category.Operations,
        DefaultSeverity: Severity.Low,
        DjangoIds: [],
        Seeds: ["004"],
        Docs: new RuleDocs(
            Why: """
                LocMemCache lives inside each worker process: with several workers every process has its
                own copy, so cached pages are recomputed per process, invalidation misses the others, and
                anything that counts in the cache (DRF throttles, login rate limits, cached sessions) is
                split per process and easily bypassed.
                """,
            Fix: """
                Use a shared cache: Redis (django.core.cache.backends.redis.RedisCache) or Memcached.
                """,
            Before: """
                CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
                """,
            After: """
                CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}}
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["CACHES"] is not { Value: PyDict caches } setting) yield break;
        foreach (var (key, value) in caches.Entries)
            if (key is PyStr alias && value is PyDict cache && cache.Get("BACKEND") is PyStr { Value: LocMem })
                yield return Finding(setting.IsDefault
                        ? "CACHES is not set, so Django's default per-process LocMemCache is used."
                        : $"CACHES[\"{alias.Value}\"] is LocMemCache: each worker process has its own cache.",
                    setting.IsDefault ? settings.LocationOf("CACHES") : At(settings, locator, "CACHES", LocMem), setting: "CACHES");
    }
}
