using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>
/// Evidence of the settings module from what serves the app in production-capable deployment files
/// (production role, or a role nothing decides): the DJANGO_SETTINGS_MODULE their environment gives
/// (compose environment and env files, Dockerfile ENV, uWSGI env, systemd, supervisor, platform
/// files), <c>--settings</c> on a server's command line, the module the code forces, and the
/// setdefault of the wsgi/asgi module (or Python script) a production launch loads. Files joined to
/// a production server's launch by what uses what (the serving chain) weigh more than lone files.
/// Build steps (Dockerfile RUN, collectstatic) are never read: only environments and launches.
/// </summary>
internal sealed partial class ServingEvidence(DeploymentFacts deployment, IReadOnlyList<PythonSettingsDefault> defaults, ModuleIndex index)
{
    private const string Variable = "DJANGO_SETTINGS_MODULE";

    /// <summary>A production DJANGO_SETTINGS_MODULE whose value the repository does not give
    /// (<c>${DJANGO_SETTINGS_MODULE}</c>): setdefaults do not apply under it.</summary>
    public (string Raw, SourceLocation Location)? UnknownAssignment { get; private set; }

    public List<SettingsEvidence> Collect()
    {
        var evidence = new List<SettingsEvidence>();
        var chain = deployment.ServingChain;

        foreach (var e in deployment.Environment.Where(e => e.Name == Variable && e.Role.SpeaksForProduction()))
        {
            var inChain = chain.Contains(e.Location.Path ?? "");
            var value = Interpolated.Parse(e.Value.Trim());
            if (value.Value?.Trim().Trim('"', '\'') is not { Length: > 0 } module)
            {
                if (inChain) UnknownAssignment ??= (e.Value.Trim(), e.Location);
                continue;
            }
            var from = value.UsesDefault ? $" (the default of {e.Value.Trim()})" : "";
            evidence.Add(Serving(module, e.Role, inChain, value.UsesDefault, $"set by the {e.Origin} in {e.Location.Path}, {RoleWords(e.Role)}{from}", e.Location));
        }

        foreach (var launch in deployment.ProductionLaunches)
        {
            var what = launch.Server.ToString().ToLowerInvariant();
            if (ServerCommands.SettingsFlag(launch.Command) is { } flag)
                evidence.Add(Serving(flag, launch.Role, true, false, $"--settings of the {what} launch in {launch.Location.Path}, {RoleWords(launch.Role)}", launch.Location));
            if (LeadingAssignment().Match(launch.Command) is { Success: true } assigned)
                evidence.Add(Serving(assigned.Groups[1].Value, launch.Role, true, false, $"given to the {what} launch in {launch.Location.Path}, {RoleWords(launch.Role)}", launch.Location));
        }

        // Sphinx's docs/conf.py and test helpers force a module for themselves, not for the site.
        // manage.py's assignment only reaches management commands (it is an other default).
        foreach (var d in defaults.Where(d => d.Forces && !IsManage(d.Path) && RoleNames.FromPath(d.Path) is not { Role: not FileRole.Production }))
            evidence.Add(new SettingsEvidence(d.Module, EvidenceKind.ForcedByCode, DeploymentLoader.IsDevelopmentModule(d.Module) ? 45 : 90,
                $"assigned to os.environ in {d.Path}{(d.InFunction ? " (in a function the app calls at start-up)" : "")}, which overrides the environment",
                new SourceLocation(d.Path, d.Line)));

        foreach (var (module, server, at) in EntryModules(chain))
        {
            if (ResolveModule(module) is not { } path) continue;
            foreach (var d in defaults.Where(d => d.Path == path && !d.Forces))
                evidence.Add(new SettingsEvidence(d.Module, EvidenceKind.ServedEntryPoint, DeploymentLoader.IsDevelopmentModule(d.Module) ? 45 : 80,
                    $"the default in {d.Path}, which {server} ({at})", new SourceLocation(d.Path, d.Line)));
        }
        return evidence;
    }

    public static bool IsManage(string path) => path == "manage.py" || path.EndsWith("/manage.py", StringComparison.Ordinal);

    private static SettingsEvidence Serving(string module, FileRole role, bool inChain, bool defaulted, string description, SourceLocation at)
    {
        var strength = 100 + (role == FileRole.Production ? 20 : 0) + (inChain ? 10 : 0) - (defaulted ? 5 : 0);
        // A development module in a file nothing names production is more likely a developer's.
        if (DeploymentLoader.IsDevelopmentModule(module) && role != FileRole.Production) strength = 45;
        return new SettingsEvidence(module, EvidenceKind.ServingProcess, strength, description, at);
    }

    private static string RoleWords(FileRole role) => role == FileRole.Production ? "a production file" : "a file of unknown role";

    /// <summary>The modules production servers load: the app argument of gunicorn, uvicorn, daphne,
    /// hypercorn, granian and waitress; uWSGI's module (on its command line or in the configuration
    /// it is given); and Python scripts production commands run (<c>python jms start</c>).</summary>
    /// <remarks>Each comes with what loads it, as words ("gunicorn loads", "entrypoint.sh runs").</remarks>
    private IEnumerable<(string Module, string Loader, SourceLocation At)> EntryModules(IReadOnlySet<string> chain)
    {
        foreach (var launch in deployment.ProductionLaunches.Where(l => l.Server != AppServer.Runserver))
        {
            var server = launch.Server.ToString().ToLowerInvariant() + " loads";
            foreach (var word in ShellWords.Split(launch.Command))
                if (AppArgument().Match(word) is { Success: true } m && (m.Groups[2].Success || m.Groups[1].Value.EndsWith("wsgi", StringComparison.Ordinal) || m.Groups[1].Value.EndsWith("asgi", StringComparison.Ordinal)))
                    yield return (m.Groups[1].Value, server, launch.Location);
            if (launch.Server != AppServer.Uwsgi) continue;
            if (UwsgiModule().Match(launch.Command) is { Success: true } module)
                yield return (module.Groups[1].Value.Split(':')[0], server, launch.Location);
            var configs = deployment.References.Where(r => r.From == launch.Location.Path && r.Line == launch.Location.Line).Select(r => r.To).ToHashSet(StringComparer.Ordinal);
            foreach (var config in deployment.UwsgiConfigs.Where(u => configs.Contains(u.Path)))
                if (config.Module is var (name, at))
                    yield return (name, $"uWSGI (as {config.Path} says, {at}) loads", launch.Location);
        }
        foreach (var config in deployment.UwsgiConfigs.Where(u => u.Role.SpeaksForProduction() && chain.Contains(u.Path)))
            if (config.Module is var (name, at))
                yield return (name, "uWSGI loads", at);
        var scripts = defaults.Select(d => d.Path).Where(p => !p.EndsWith(".py", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var command in deployment.Commands.Where(c => c.Role.SpeaksForProduction() && chain.Contains(c.Path)))
            foreach (var script in scripts.Where(s => Runs(command.Text, s)))
                yield return (script, $"{command.Path} runs", new SourceLocation(command.Path, command.Line));
    }

    /// <summary>A module name, or the project file an extension-less script is (passed through).</summary>
    private string? ResolveModule(string module)
    {
        if (!module.Contains('.') && defaults.Any(d => d.Path == module)) return module;
        if (index.PathOf(module) is { } path) return path;
        // A server started with --chdir (or from a subfolder) names the module from there.
        return index.Modules.Where(m => m.EndsWith("." + module, StringComparison.Ordinal)).Select(index.PathOf).FirstOrDefault(p => p is not null);
    }

    private static bool Runs(string command, string script)
    {
        var name = script[(script.LastIndexOf('/') + 1)..];
        return ShellWords.Split(command).Any(w => w == script || w == name || w.EndsWith("/" + name, StringComparison.Ordinal));
    }

    // Source-generated backtracking patterns (free to build, unlike a non-backtracking one built at run
    // time on every scan), linear: a literal start or an anchor, then runs that each stop at a
    // character outside them.
    [GeneratedRegex("""(?:^|\s)DJANGO_SETTINGS_MODULE=["']?([A-Za-z_][\w.]*)""")]
    private static partial Regex LeadingAssignment();

    // shop.wsgi:application, config.asgi, pkg.wsgi:get_app()
    [GeneratedRegex(@"^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(:[A-Za-z_][\w.]*(?:\(\))?)?$")]
    private static partial Regex AppArgument();

    [GeneratedRegex(@"(?:--module|--wsgi|-w)(?:\s+|=)([A-Za-z_][\w.:]*)", RegexOptions.NonBacktracking)]
    private static partial Regex UwsgiModule();
}
