using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment.Apache;
using DjangoPreflight.Analysis.Deployment.Caddy;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Docker;
using DjangoPreflight.Analysis.Deployment.Kubernetes;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Deployment.Platform;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Analysis.Deployment.Traefik;
using DjangoPreflight.Analysis.Deployment.Uwsgi;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Reads every deployment file of a project once, gives each its role (see
/// <see cref="RoleResolver"/>) and assembles <see cref="DeploymentFacts"/>.</summary>
public static partial class DeploymentLoader
{
    public static DeploymentFacts Load(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        var launches = new List<ServerLaunch>();
        var env = new List<EnvAssignment>();
        var collect = new List<SourceLocation>();
        var kinds = new SortedDictionary<string, DeploymentKind>(StringComparer.Ordinal);
        var uwsgi = new List<UwsgiConfig>();
        var manifests = new List<KubernetesManifest>();
        var traefikFiles = new List<(string Path, IReadOnlyList<TraefikOption> Options)>();
        // systemd EnvironmentFile= values, read once every deployment file is known.
        var unitEnvFiles = new List<(string Unit, string File)>();
        // Lines whose commands may name other deployment files, read once every file is known.
        var commandLines = new List<(string Path, string Text, int Line)>();
        // Lines of Makefiles, scripts and CI jobs: those that `docker build -t NAME` name an image's Dockerfile.
        var buildLines = new List<(string Path, string Text)>();

        var gunicorn = files.All.Where(IsGunicornConfig).Select(p => ReadGunicornConfig(p, files.ReadText(p) ?? "")).ToList();
        foreach (var g in gunicorn) kinds[g.Path] = DeploymentKind.Gunicorn;
        // gunicorn reads ./gunicorn.conf.py by default; a config named on the command line we cannot
        // match to its file, so any project config's worker_class stands for all.
        var workerClass = gunicorn.Select(g => g.WorkerClass).FirstOrDefault(w => w is not null);

        var webserver = WebserverCommands.Find(files);
        void AddLaunch(string command, SourceLocation at, LaunchOrigin origin)
        {
            if (ServerCommands.Classify(command, workerClass) is { } server)
                launches.Add(new ServerLaunch(at, command.Trim(), origin, FileRole.Unknown, server.Server, server.Interface));
            else if (webserver.UwsgiCommandOf(command) is { } defined)
                launches.Add(new ServerLaunch(at, command.Trim(), origin, FileRole.Unknown, AppServer.Uwsgi, AppInterface.Wsgi) { DefaultStaticMap = defined });
            if (ServerCommands.CollectsStatic(command)) collect.Add(at);
        }

        // Dockerfiles.
        var dockerfiles = new List<Dockerfile>();
        foreach (var path in files.All.Where(IsDockerfile))
        {
            if (files.ReadText(path) is not { } text) continue;
            var dockerfile = Dockerfile.Parse(path, text);
            dockerfiles.Add(dockerfile);
            kinds[path] = DeploymentKind.Dockerfile;
            foreach (var run in dockerfile.Instructions.Where(i => i.Keyword == "RUN" && ServerCommands.CollectsStatic(i.CommandText)))
                collect.Add(run.Location);
            var (entrypoint, cmd) = dockerfile.Startup();
            var combined = $"{entrypoint?.CommandText} {cmd?.CommandText}";
            if (ServerCommands.Classify(combined, workerClass) is { } server)
            {
                var at = cmd is not null && ServerCommands.Classify(cmd.CommandText) is not null ? cmd : entrypoint ?? cmd!;
                launches.Add(new ServerLaunch(at.Location, at.CommandText, LaunchOrigin.Dockerfile, FileRole.Unknown, server.Server, server.Interface));
            }
            else if (webserver.UwsgiCommandOf(combined) is { } defined)
            {
                var at = cmd is not null && webserver.UwsgiCommandOf(cmd.CommandText) is not null ? cmd : entrypoint ?? cmd!;
                launches.Add(new ServerLaunch(at.Location, at.CommandText, LaunchOrigin.Dockerfile, FileRole.Unknown, AppServer.Uwsgi, AppInterface.Wsgi) { DefaultStaticMap = defined });
            }
            foreach (var startup in new[] { entrypoint, cmd })
                if (startup is not null && ServerCommands.CollectsStatic(startup.CommandText)) collect.Add(startup.Location);
            foreach (var (name, value, location) in dockerfile.Environment())
                env.Add(new EnvAssignment(name, value, location, FileRole.Unknown, "Dockerfile ENV"));
        }

        // Compose files.
        var compose = new List<ComposeFile>();
        foreach (var path in files.All.Where(p => IsComposeFile(p) || MayBeComposeFile(p, files)))
        {
            if (files.ReadText(path) is not { } text) continue;
            var named = IsComposeFile(path);
            var file = ComposeFile.Parse(path, text, FileRole.Unknown, named ? (line, message) => diagnostics.ParseError(path, line, message) : (_, _) => { });
            // A YAML file with other names is a compose file when a service builds or runs an image.
            if (file.Services.Count == 0 || !named && !file.Services.Any(s => s.Image is not null || s.BuildContext is not null)) continue;
            compose.Add(file);
            kinds[path] = DeploymentKind.Compose;
            foreach (var service in file.Services)
            {
                foreach (var started in new[] { service.Entrypoint, service.Command })
                    if (started is not null) AddLaunch(started.Value, started.Location, LaunchOrigin.Compose);
                foreach (var (name, value) in service.Environment)
                    env.Add(new EnvAssignment(name, value.Value, value.Location, FileRole.Unknown, $"compose service {service.Name}"));
            }
        }

        foreach (var path in files.All)
        {
            var name = ProjectFiles.FileName(path);
            var lower = name.ToLowerInvariant();
            if (kinds.ContainsKey(path)) continue;
            if (IsEnvFile(name))
            {
                kinds[path] = DeploymentKind.EnvFile;
                foreach (var (key, value, line) in EnvFileLines(files.ReadText(path) ?? ""))
                    env.Add(new EnvAssignment(key, value, new SourceLocation(path, line), FileRole.Unknown, "env file"));
            }
            else if (IsProcfile(name))
            {
                kinds[path] = DeploymentKind.Procfile;
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                {
                    var colon = text.IndexOf(':');
                    if (colon <= 0) continue;
                    var command = text[(colon + 1)..].Trim();
                    var at = new SourceLocation(path, line);
                    AddLaunch(command, at, LaunchOrigin.Procfile);
                    commandLines.Add((path, command, line));
                    foreach (var (key, value) in LeadingAssignments(command))
                        env.Add(new EnvAssignment(key, value, at, FileRole.Unknown, "Procfile"));
                }
            }
            else if (lower.EndsWith(".service", StringComparison.Ordinal))
            {
                kinds[path] = DeploymentKind.Systemd;
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                {
                    var at = new SourceLocation(path, line);
                    if (KeyValue(text) is not var (key, value)) continue;
                    if (key is "ExecStart" or "ExecStartPre" or "ExecStartPost" or "ExecReload")
                        AddLaunch(key == "ExecStart" ? value : "", at, LaunchOrigin.Systemd);
                    if (key.StartsWith("ExecStart", StringComparison.Ordinal) && ServerCommands.CollectsStatic(value)) collect.Add(at);
                    if (key.StartsWith("Exec", StringComparison.Ordinal) || key == "EnvironmentFile") commandLines.Add((path, value.TrimStart('-'), line));
                    if (key == "EnvironmentFile") unitEnvFiles.Add((path, value.TrimStart('-').Trim()));
                    if (key == "Environment")
                        foreach (var word in ShellWords.Split(value))
                            if (word.IndexOf('=') is var eq and > 0)
                                env.Add(new EnvAssignment(word[..eq], word[(eq + 1)..], at, FileRole.Unknown, "systemd Environment"));
                }
            }
            else if ((lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".ini", StringComparison.Ordinal))
                     && files.ReadText(path) is { } ini && (ini.Contains("[program:", StringComparison.Ordinal) || ini.Contains("[uwsgi]", StringComparison.Ordinal)))
            {
                var isUwsgi = ini.Contains("[uwsgi]", StringComparison.Ordinal);
                kinds[path] = isUwsgi ? DeploymentKind.Uwsgi : DeploymentKind.Supervisor;
                if (isUwsgi) uwsgi.Add(ReadUwsgi(path, UwsgiFile.ReadIni(path, ini), LineOf(ini, "[uwsgi]"), env));
                ReadSupervisor(path, ini, AddLaunch, env, commandLines);
            }
            else if (IsScript(path, name, files))
            {
                kinds[path] = DeploymentKind.Script;
                var lines = LogicalLines(files.ReadText(path) ?? "").ToList();
                // runserver behind a flag of the script's own (`--setup-devenv`) while the script otherwise
                // starts a production server: a development mode, not what the script runs by default.
                var optIn = ScriptBranches.ArgumentSelected(lines);
                var startsServer = lines.Any(l => !optIn.Contains(l.Line) && ServerCommands.Classify(l.Text) is { Server: not AppServer.Runserver });
                foreach (var (text, line) in lines)
                {
                    if (!(startsServer && optIn.Contains(line) && ServerCommands.Classify(text) is { Server: AppServer.Runserver }))
                        AddLaunch(text, new SourceLocation(path, line), LaunchOrigin.Script);
                    commandLines.Add((path, text, line));
                    buildLines.Add((path, text));
                }
            }
            else if (IsPlatformFile(path, lower))
            {
                kinds[path] = DeploymentKind.Platform;
                var platform = PlatformFile.Read(path, files.ReadText(path) ?? "");
                foreach (var (key, value, at) in platform.Environment)
                    env.Add(new EnvAssignment(key, value, at, FileRole.Unknown, "platform environment"));
                foreach (var (command, at) in platform.Commands)
                {
                    AddLaunch(command, at, LaunchOrigin.Platform);
                    commandLines.Add((path, command, at.Line ?? 1));
                }
            }
            else if (RoleNames.IsCiFile(path) || name is "Makefile" or "makefile" or "GNUmakefile" or "fabfile.py" or "tasks.py")
            {
                // CI jobs and make targets start servers for tests and development only; what they
                // tell us is whether a build step collects static files.
                var isCi = RoleNames.IsCiFile(path);
                if (isCi) kinds[path] = DeploymentKind.CI;
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                {
                    var at = new SourceLocation(path, line);
                    if (ServerCommands.CollectsStatic(text)) collect.Add(at);
                    if (isCi && ServerCommands.Classify(text, workerClass) is { } server)
                        launches.Add(new ServerLaunch(at, text.Trim(), LaunchOrigin.CI, FileRole.CI, server.Server, server.Interface));
                    if (kinds.ContainsKey(path)) commandLines.Add((path, text, line));
                    buildLines.Add((path, text));
                }
            }
            else if ((lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal))
                     && files.ReadText(path) is { } uwsgiYaml && uwsgiYaml.StartsWith("uwsgi:", StringComparison.Ordinal) | uwsgiYaml.Contains("\nuwsgi:", StringComparison.Ordinal)
                     && UwsgiFile.ReadYaml(path, uwsgiYaml) is { Count: > 0 } uwsgiOptions)
            {
                kinds[path] = DeploymentKind.Uwsgi;
                uwsgi.Add(ReadUwsgi(path, uwsgiOptions, LineOf(uwsgiYaml, "uwsgi:"), env));
            }
            else if (MayBeTraefikFile(lower) && files.ReadText(path) is { } traefikText && LooksLikeTraefik(traefikText)
                     && TraefikOptions.ReadFile(path, traefikText) is { } traefikOptions)
            {
                kinds[path] = DeploymentKind.Traefik;
                traefikFiles.Add((path, traefikOptions));
            }
            else if ((lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal))
                     && files.ReadText(path) is { } yaml && IsKubernetesManifest(yaml))
            {
                kinds[path] = DeploymentKind.Kubernetes;
                manifests.Add(KubernetesManifest.Read(path, yaml));
            }
        }

        // The files compose loads with env_file: and units with EnvironmentFile= are env files whatever their name.
        foreach (var path in NamedEnvFiles(compose, unitEnvFiles, files).Where(p => !kinds.ContainsKey(p)))
        {
            kinds[path] = DeploymentKind.EnvFile;
            foreach (var (key, value, line) in EnvFileLines(files.ReadText(path) ?? ""))
                env.Add(new EnvAssignment(key, value, new SourceLocation(path, line), FileRole.Unknown, "env file"));
        }

        var imageServes = launches.Any(l => l.Origin == LaunchOrigin.Dockerfile && l.Server != AppServer.Runserver);
        var kubernetes = KubernetesApps.Read(manifests,
            command => ServerCommands.Classify(command, workerClass) is { Server: not AppServer.Runserver }, imageServes, env);

        var nginx = NginxLoader.Load(files, diagnostics);
        foreach (var config in nginx) kinds[config.Path] = DeploymentKind.Nginx;
        var caddy = files.All.Where(p => IsCaddyfile(p) && !kinds.ContainsKey(p))
            .Select(p => files.ReadText(p) is { } text ? new CaddyConfig(p, CaddyParser.Parse(text, p)) : null).OfType<CaddyConfig>().ToList();
        foreach (var config in caddy) kinds[config.Path] = DeploymentKind.Caddy;
        // Read after every other reader: a file nginx (or an nginx include), supervisor or uWSGI claimed is theirs.
        var nginxParts = nginx.SelectMany(n => n.Files).ToHashSet(StringComparer.Ordinal);
        var apache = ApacheLoader.Load(files, diagnostics, p => kinds.ContainsKey(p) || nginxParts.Contains(p));
        foreach (var config in apache) kinds[config.Path] = DeploymentKind.Apache;

        var finder = new ReferenceFinder(kinds.Keys.Concat(nginxParts).Concat(apache.SelectMany(a => a.Files)), files.All);
        collect.AddRange(PythonPrograms.CollectstaticCalls(commandLines.Where(c => kinds.KindOf(c.Path) != DeploymentKind.CI), files, finder));
        var copies = new List<ImageCopy>();
        var references = DeploymentReferences.Find(files, finder, dockerfiles, compose, commandLines, buildLines, kinds, copies);
        references.AddRange(kubernetes.References);
        // A reference to a file an nginx or Apache configuration includes is a reference to the configuration.
        foreach (var (root, parts) in nginx.Select(n => (n.Path, n.Files)).Concat(apache.Select(a => (a.Path, (IEnumerable<string>)a.Files))))
            foreach (var part in parts.Where(f => f != root))
                foreach (var r in references.Where(r => r.To == part).ToList())
                    references.Add(r with { To = root });

        var signs = ContentSignsOf(finder, launches, env, compose);
        ApacheSigns.Add(apache, signs);
        var roles = RoleResolver.Resolve(kinds, references, signs, path => RoleDeclarations.Of(path, files));
        FileRole RoleOf(string? path) => path is not null && roles.TryGetValue(path, out var r) ? r.Role : FileRole.Unknown;

        // Heroku's and Dokku's Python buildpacks run collectstatic on every deploy by themselves;
        // with a Dockerfile production may use beside it, the image is what deploys.
        foreach (var procfile in kinds.Where(k => k.Value == DeploymentKind.Procfile && roles[k.Key].Role == FileRole.Production).Select(k => k.Key))
            if (!dockerfiles.Any(d => RoleOf(d.Path).SpeaksForProduction()))
                collect.Add(new SourceLocation(procfile, 1));

        var composeFiles = compose.Select(c => c.WithRole(RoleOf(c.Path))).ToList();
        // An nginx configuration nothing uses, for a service production no longer runs, is left behind.
        var productionLaunches = launches.Where(l => l.Origin != LaunchOrigin.CI && RoleOf(l.Location.Path).SpeaksForProduction()).ToList();
        var serverConfigs = kinds.Any(k => k.Value is DeploymentKind.Kubernetes or DeploymentKind.Gunicorn or DeploymentKind.Uwsgi && RoleOf(k.Key).SpeaksForProduction());
        var platformsOnly = UnusedNginx.PlatformsOnly(kinds, RoleOf, commandLines);
        foreach (var config in nginx.Where(n => roles[n.Path].Role == FileRole.Unknown))
            if (UnusedNginx.Judge(config, references, composeFiles, productionLaunches, serverConfigs, platformsOnly) is { } unused)
                roles[config.Path] = unused;
        var traefik = TraefikOf(traefikFiles.Where(f => RoleOf(f.Path).SpeaksForProduction()).Select(f => f.Options), composeFiles);
        return new DeploymentFacts
        {
            Dockerfiles = dockerfiles,
            ComposeFiles = composeFiles,
            Nginx = EdgeChain.MarkFronted(nginx.Select(n => n.WithRole(roles[n.Path])).ToList(), caddy.Select(c => c.WithRole(roles[c.Path])).ToList(),
                apache.Select(a => a.WithRole(roles[a.Path])).ToList(), composeFiles, traefik),
            Caddy = caddy,
            Apache = apache,
            Traefik = traefik,
            Launches = launches.Select(l => l.Origin == LaunchOrigin.CI ? l : l with { Role = RoleOf(l.Location.Path) }).Distinct()
                .OrderBy(l => l.Location.Path, StringComparer.Ordinal).ThenBy(l => l.Location.Line).ToList(),
            Environment = env.Select(e => e with { Role = RoleOf(e.Location.Path) })
                .OrderBy(e => e.Location.Path, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ToList(),
            CollectstaticSteps = collect.Distinct().OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Line).ToList(),
            GunicornConfigs = gunicorn,
            UwsgiConfigs = uwsgi.Select(u => u with { Role = RoleOf(u.Path) }).ToList(),
            Files = kinds.Select(k => new DeploymentFile(k.Key, k.Value, roles[k.Key].Role, roles[k.Key].Reason)).ToList(),
            Commands = commandLines.Select(c => new DeploymentCommand(c.Path, c.Text, c.Line, RoleOf(c.Path))).ToList(),
            ImageCopies = copies.Distinct().ToList(),
            KubernetesApps = kubernetes.Manifests,
            References = references.Distinct().OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.Line).ThenBy(r => r.To, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The development and production signs each file shows by itself.</summary>
    private static Dictionary<string, ContentSigns> ContentSignsOf(ReferenceFinder finder, List<ServerLaunch> launches, List<EnvAssignment> env, List<ComposeFile> compose)
    {
        var signs = new Dictionary<string, ContentSigns>(StringComparer.Ordinal);
        ContentSigns Of(string? path) => signs.TryGetValue(path ?? "", out var s) ? s : signs[path ?? ""] = new ContentSigns();
        foreach (var launch in launches.Where(l => l.Origin != LaunchOrigin.CI))
        {
            var at = $"line {launch.Location.Line}";
            if (launch.Server == AppServer.Runserver) Of(launch.Location.Path).Development.Add($"starts runserver ({at})");
            else if (ReloadFlag().IsMatch(launch.Command)) Of(launch.Location.Path).Development.Add($"starts {launch.Server.ToString().ToLowerInvariant()} with --reload ({at})");
            else Of(launch.Location.Path).Production.Add($"serves the app with {launch.Server.ToString().ToLowerInvariant()} ({at})");
            if (ServerCommands.SettingsFlag(launch.Command) is { } selected && IsDevelopmentModule(selected))
                Of(launch.Location.Path).Development.Add($"selects the settings module {selected} ({at})");
        }
        foreach (var e in env)
        {
            if (e.Name is "DEBUG" or "DJANGO_DEBUG" && e.IsTruthy)
                Of(e.Location.Path).Development.Add($"sets {e.Name}={e.Value.Trim()} (line {e.Location.Line})");
            else if (e.Name == "DJANGO_SETTINGS_MODULE" && IsDevelopmentModule(e.Value))
                Of(e.Location.Path).Development.Add($"selects the settings module {e.Value.Trim()} (line {e.Location.Line})");
        }
        foreach (var file in compose)
            foreach (var mount in file.Services.SelectMany(s => s.Volumes))
                if (ProjectPath.Join(ReferenceFinder.Folder(file.Path), mount.Source) is { } host && finder.IsSourceTree(host))
                {
                    Of(file.Path).Development.Add($"mounts the source tree ({mount.Source}:{mount.Target}, line {mount.Location.Line})");
                    break;
                }
        foreach (var file in compose)
            if (file.OnlyDatastores is { } datastores)
                Of(file.Path).OnlyDatastores = datastores;
        foreach (var s in signs.Values)
        {
            // One sign of each kind is enough to say it; the first names the line.
            Distinct(s.Development);
            Distinct(s.Production);
        }
        return signs;
    }

    private static void Distinct(List<string> signs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        signs.RemoveAll(s => !seen.Add(s[..s.IndexOf('(')]));
    }

    /// <summary>A settings module named for development, tests or CI (settings.local, config.settings.test).</summary>
    public static bool IsDevelopmentModule(string module)
    {
        var last = module.Trim().Trim('"', '\'')[(module.Trim().Trim('"', '\'').LastIndexOf('.') + 1)..].ToLowerInvariant();
        return last.Split('_', '-').Any(w => w is "dev" or "devel" or "develop" or "development" or "local" or "test" or "tests" or "testing" or "ci" or "debug");
    }

    // Source-generated backtracking patterns (free to build, unlike a non-backtracking one built at run
    // time on every scan), linear: a literal start, then runs that stop at a character outside them.
    [GeneratedRegex(@"(?:^|\s)--reload(?:\s|$|=)")]
    private static partial Regex ReloadFlag();

    /// <summary>The project files compose services load (<c>env_file:</c>, relative to the compose file) and
    /// systemd units read (<c>EnvironmentFile=</c>, an absolute path on the server: the project file with
    /// the same name whose path shares the most trailing folders with it, when only one does).</summary>
    private static IEnumerable<string> NamedEnvFiles(List<ComposeFile> compose, List<(string Unit, string File)> units, ProjectFiles files)
    {
        var all = files.All.ToHashSet(StringComparer.Ordinal);
        foreach (var file in compose)
            foreach (var envFile in file.Services.SelectMany(s => s.EnvFiles))
                if (ProjectPath.Join(ReferenceFinder.Folder(file.Path), envFile.Value) is { } path && all.Contains(path))
                    yield return path;
        foreach (var (_, written) in units)
        {
            var parts = written.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || parts.Any(p => p.Contains('%') || p.Contains('$'))) continue;
            var scored = files.All.Where(p => ProjectFiles.FileName(p) == parts[^1])
                .Select(p => (Path: p, Tail: p.Split('/').Reverse().Zip(parts.Reverse()).TakeWhile(x => x.First == x.Second).Count())).ToList();
            if (scored.Count == 0) continue;
            var best = scored.Max(s => s.Tail);
            var chosen = scored.Where(s => s.Tail == best).ToList();
            if (chosen.Count == 1) yield return chosen[0].Path;
        }
    }

    /// <summary>A Kubernetes object: top-level <c>apiVersion:</c> and <c>kind:</c> lines (helm templates included).</summary>
    private static bool IsKubernetesManifest(string text)
    {
        bool api = false, kind = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            api |= line.StartsWith("apiVersion:", StringComparison.Ordinal);
            kind |= line.StartsWith("kind:", StringComparison.Ordinal);
            if (api && kind) return true;
        }
        return false;
    }

    /// <summary>The production Traefik (see <see cref="TraefikSetup"/>): the production-capable Traefik
    /// files, the flags of traefik containers and the labels of the containers of production-capable
    /// compose files; null when none of them configures Traefik.</summary>
    private static TraefikSetup? TraefikOf(IEnumerable<IReadOnlyList<TraefikOption>> files, List<ComposeFile> compose)
    {
        var services = compose.Where(c => c.Role.SpeaksForProduction()).SelectMany(c => c.Services).ToList();
        var flags = services.Where(s => (s.Image?.Value.ToLowerInvariant().Split('/')[^1] ?? "").StartsWith("traefik", StringComparison.Ordinal))
            .Select(s => (IReadOnlyList<TraefikOption>)TraefikOptions.FromFlags(s.CommandWords).ToList());
        var labels = services.Select(s => (s.Name, (IReadOnlyList<TraefikOption>)TraefikOptions.FromLabels(s).ToList())).Where(l => l.Item2.Count > 0).ToList();
        var setup = new TraefikSetup(files.Concat(flags), labels);
        return setup.Routers.Count > 0 || setup.EntryPoints.Count > 0 ? setup : null;
    }

    private static bool MayBeTraefikFile(string lower) =>
        lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".toml", StringComparison.Ordinal);

    /// <summary>A top-level <c>entryPoints</c> or <c>http</c> key (YAML), or such a table (TOML): worth parsing as Traefik's.</summary>
    private static bool LooksLikeTraefik(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
            if (line.StartsWith("entryPoints:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("http:", StringComparison.Ordinal)
                || line.StartsWith("[entryPoints", StringComparison.OrdinalIgnoreCase) || line.StartsWith("[http.", StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>Caddyfile, Caddyfile.prod, Caddyfile.ce, site.caddyfile.</summary>
    private static bool IsCaddyfile(string path)
    {
        var name = ProjectFiles.FileName(path);
        return name == "Caddyfile" || name.StartsWith("Caddyfile.", StringComparison.Ordinal)
            || name.EndsWith(".caddyfile", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".Caddyfile", StringComparison.Ordinal);
    }

    private static bool IsDockerfile(string path)
    {
        var name = ProjectFiles.FileName(path);
        return name == "Dockerfile" || name.StartsWith("Dockerfile.", StringComparison.Ordinal) || name.StartsWith("Dockerfile-", StringComparison.Ordinal)
            || name.EndsWith(".Dockerfile", StringComparison.Ordinal) || name.EndsWith(".dockerfile", StringComparison.Ordinal) || name == "Containerfile";
    }

    private static bool IsComposeFile(string path)
    {
        var name = ProjectFiles.FileName(path).ToLowerInvariant();
        return (name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal))
               && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal));
    }

    /// <summary>cookiecutter-django's local.yml/production.yml and other compose files not named so:
    /// a YAML file (not CI, not a platform's) with a top-level <c>services:</c> key.</summary>
    private static bool MayBeComposeFile(string path, ProjectFiles files)
    {
        var lower = ProjectFiles.FileName(path).ToLowerInvariant();
        if (!(lower.EndsWith(".yml", StringComparison.Ordinal) || lower.EndsWith(".yaml", StringComparison.Ordinal))
            || IsComposeFile(path) || IsPlatformFile(path, lower) || RoleNames.IsCiFile(path)) return false;
        if (files.ReadText(path) is not { } text) return false;
        foreach (var line in text.AsSpan().EnumerateLines())
            if (line.StartsWith("services:", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>Procfile, Procfile.dev...: not Procfile.sh, a script a Procfile may run.</summary>
    private static bool IsProcfile(string name) =>
        name == "Procfile" || name.StartsWith("Procfile.", StringComparison.Ordinal) && !name.EndsWith(".sh", StringComparison.Ordinal) && !name.EndsWith(".py", StringComparison.Ordinal);

    /// <summary>Hosting platforms' deployment files, and DigitalOcean App Platform specs under .do/.</summary>
    private static bool IsPlatformFile(string path, string lower) =>
        lower is "app.json" or "fly.toml" or "render.yaml" or "nixpacks.toml" or "railway.json" or "railway.toml" or "app.yaml" or "heroku.yml"
        || path.StartsWith(".do/", StringComparison.Ordinal) && (lower.EndsWith(".yaml", StringComparison.Ordinal) || lower.EndsWith(".yml", StringComparison.Ordinal));

    /// <summary>.env, .env.production, production.env, .envs/.production/.django (cookiecutter-django).</summary>
    private static bool IsEnvFile(string name) =>
        name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal) && name.Length > 4;

    private static bool IsGunicornConfig(string path)
    {
        var name = ProjectFiles.FileName(path).ToLowerInvariant();
        return name.StartsWith("gunicorn", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal);
    }

    /// <summary>Shell scripts: *.sh, or an extension-less file with a shell shebang (entrypoint, start).</summary>
    private static bool IsScript(string path, string name, ProjectFiles files)
    {
        if (name.EndsWith(".sh", StringComparison.Ordinal) || name.EndsWith(".bash", StringComparison.Ordinal)) return true;
        if (name.Contains('.') || name.StartsWith("Procfile", StringComparison.Ordinal) || name is "Makefile" or "Jenkinsfile" or "Dockerfile") return false;
        return files.ReadText(path) is { } text && text.StartsWith("#!", StringComparison.Ordinal)
               && (text.AsSpan(0, Math.Min(text.Length, 64)).Contains("sh", StringComparison.Ordinal));
    }

    private static GunicornConfig ReadGunicornConfig(string path, string text)
    {
        string? bind = null, worker = null;
        SourceLocation? workerAt = null;
        foreach (var (line, number) in LogicalLines(text))
        {
            if (PythonAssignment().Match(line) is not { Success: true } m) continue;
            var value = m.Groups[2].Value.Trim().Trim('[', ']', '(', ')', ',').Trim().Trim('"', '\'');
            if (m.Groups[1].Value == "bind") bind = value;
            else if (m.Groups[1].Value == "worker_class")
            {
                worker = value;
                workerAt = new SourceLocation(path, number);
            }
        }
        return new GunicornConfig(path, bind, worker, workerAt);
    }

    [GeneratedRegex(@"^(bind|worker_class)\s*=\s*(.+?)\s*(#.*)?$", RegexOptions.NonBacktracking)]
    private static partial Regex PythonAssignment();

    /// <summary>A uWSGI configuration and the environment it sets (<c>env = KEY=VALUE</c>, unless
    /// only under an <c>if-env</c> block).</summary>
    private static UwsgiConfig ReadUwsgi(string path, IReadOnlyList<UwsgiOption> options, int section, List<EnvAssignment> env)
    {
        foreach (var o in options.Where(o => o.Key == "env" && !o.Conditional))
            if (o.Value.IndexOf('=') is var eq and > 0)
                env.Add(new EnvAssignment(o.Value[..eq].Trim(), o.Value[(eq + 1)..].Trim(), o.Location, FileRole.Unknown, "uWSGI env"));
        return new UwsgiConfig(path, new SourceLocation(path, section), FileRole.Unknown) { Options = options };
    }

    private static int LineOf(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? 1 : 1 + text.AsSpan(0, at).Count('\n');
    }

    /// <summary>supervisor programs: command= and environment=.</summary>
    private static void ReadSupervisor(string path, string text, Action<string, SourceLocation, LaunchOrigin> addLaunch,
        List<EnvAssignment> env, List<(string Path, string Text, int Line)> commandLines)
    {
        var section = "";
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line.StartsWith('['))
            {
                section = line.Trim('[', ']');
                continue;
            }
            if (!section.StartsWith("program:", StringComparison.Ordinal) || KeyValue(line) is not var (key, value)) continue;
            // supervisor continues a value on indented lines.
            var start = i;
            var joined = new System.Text.StringBuilder(value);
            while (i + 1 < lines.Length && lines[i + 1].Length > 0 && char.IsWhiteSpace(lines[i + 1][0]) && lines[i + 1].Trim().Length > 0)
                joined.Append(' ').Append(lines[++i].Trim());
            value = joined.ToString();
            var at = new SourceLocation(path, start + 1);
            if (key == "command")
            {
                addLaunch(value, at, LaunchOrigin.Supervisor);
                commandLines.Add((path, value, start + 1));
            }
            else if (key == "environment")
                foreach (Match pair in SupervisorEnvironment().Matches(value))
                    env.Add(new EnvAssignment(pair.Groups[1].Value, pair.Groups[2].Value.Trim('"', '\''), at, FileRole.Unknown, "supervisor environment"));
        }
    }

    [GeneratedRegex(@"(\w+)=(""[^""]*""|'[^']*'|[^,]*)", RegexOptions.NonBacktracking)]
    private static partial Regex SupervisorEnvironment();

    private static (string Key, string Value)? KeyValue(string line)
    {
        var eq = line.IndexOf('=');
        return eq > 0 ? (line[..eq].Trim(), line[(eq + 1)..].Trim()) : null;
    }

    /// <summary>KEY=VALUE lines of an env file (optional `export`, quotes, trailing comments).</summary>
    private static IEnumerable<(string Key, string Value, int Line)> EnvFileLines(string text)
    {
        foreach (var (line, number) in LogicalLines(text))
        {
            var content = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..].TrimStart() : line;
            if (KeyValue(content) is not var (key, value) || !key.All(c => char.IsLetterOrDigit(c) || c == '_')) continue;
            if (value.StartsWith('"') || value.StartsWith('\''))
            {
                var close = value.IndexOf(value[0], 1);
                value = close > 0 ? value[1..close] : value[1..];
            }
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0)
            {
                value = value[..hash].Trim();
            }
            yield return (key, value, number);
        }
    }

    /// <summary>`DEBUG=1 gunicorn ...`: the assignments a shell command line starts with.</summary>
    private static IEnumerable<(string Key, string Value)> LeadingAssignments(string command)
    {
        foreach (var word in ShellWords.Split(command))
        {
            var eq = word.IndexOf('=');
            if (eq <= 0 || !word[..eq].All(c => char.IsLetterOrDigit(c) || c == '_')) yield break;
            yield return (word[..eq], word[(eq + 1)..]);
        }
    }

    /// <summary>Non-blank, non-comment lines with backslash continuations joined, and the line each starts on.</summary>
    internal static IEnumerable<(string Text, int Line)> LogicalLines(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var start = i + 1;
            var line = lines[i].TrimEnd();
            // Joined in a builder: re-copying the line at every continuation is quadratic in a file of them.
            var joined = new System.Text.StringBuilder();
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                joined.Append(line, 0, line.Length - 1).Append(' ');
                line = lines[++i].Trim();
            }
            var trimmed = joined.Append(line).ToString().Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            yield return (trimmed, start);
        }
    }
}
