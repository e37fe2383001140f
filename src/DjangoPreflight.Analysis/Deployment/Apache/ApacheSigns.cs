using DjangoPreflight.Analysis.Deployment.Roles;

namespace DjangoPreflight.Analysis.Deployment.Apache;

/// <summary>What an Apache configuration's own content says about its role: running the app with
/// mod_wsgi is serving it as production does; a settings module named for development
/// (<c>SetEnv DJANGO_SETTINGS_MODULE shop.settings.dev</c>) is a developer's set-up.</summary>
internal static class ApacheSigns
{
    public static void Add(IEnumerable<ApacheConfig> configs, Dictionary<string, ContentSigns> signs)
    {
        foreach (var config in configs)
        {
            var all = config.VirtualHosts.SelectMany(v => v.Directives).Concat(config.Global).ToList();
            var production = all.FirstOrDefault(d => d.Section is null && (d.Is("WSGIScriptAlias") || d.Is("WSGIScriptAliasMatch")));
            var development = all.FirstOrDefault(d => d.Section is null && d.Is("SetEnv")
                && d.Arg(0) == "DJANGO_SETTINGS_MODULE" && DeploymentLoader.IsDevelopmentModule(d.Arg(1)));
            if (production is null && development is null) continue;
            if (!signs.TryGetValue(config.Path, out var own)) signs[config.Path] = own = new ContentSigns();
            if (production is not null) own.Production.Add($"serves the app with mod_wsgi (line {production.Location.Line})");
            if (development is not null) own.Development.Add($"selects the settings module {development.Arg(1)} (line {development.Location.Line})");
        }
    }
}
