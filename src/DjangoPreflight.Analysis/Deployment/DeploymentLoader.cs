using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment.Compose;
using DjangoPreflight.Analysis.Deployment.Docker;
using DjangoPreflight.Analysis.Deployment.Nginx;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>Reads every deployment file of a project once and assembles <see cref="DeploymentFacts"/>.</summary>
public static partial class DeploymentLoader
{
    public static DeploymentFacts Load(ProjectFiles files, ProjectDiagnostics diagnostics)
    {
        var launches = new List<ServerLaunch>();
        var env = new List<EnvAssignment>();
        var collect = new List<SourceLocation>();
        var recognised = new SortedSet<string>(StringComparer.Ordinal);
        var uwsgi = new List<UwsgiConfig>();

        var gunicorn = files.All.Where(IsGunicornConfig).Select(p => ReadGunicornConfig(p, files.ReadText(p) ?? "")).ToList();
        recognised.UnionWith(gunicorn.Select(g => g.Path));
        // gunicorn reads ./gunicorn.conf.py by default; a config named on the command line we cannot
        // match to its file, so any project config's worker_class stands for all.
        var workerClass = gunicorn.Select(g => g.WorkerClass).FirstOrDefault(w => w is not null);

        void AddLaunch(string command, SourceLocation at, LaunchOrigin origin, FileRole role)
        {
            if (ServerCommands.Classify(command, workerClass) is { } server)
                launches.Add(new ServerLaunch(at, command.Trim(), origin, role, server.Server, server.Interface));
            if (ServerCommands.CollectsStatic(command)) collect.Add(at);
        }

        // Dockerfiles.
        var dockerPaths = files.All.Where(IsDockerfile).ToList();
        var dockerRoles = FileRoles.ForFamily(dockerPaths);
        var dockerfiles = new List<Dockerfile>();
        foreach (var path in dockerPaths)
        {
            if (files.ReadText(path) is not { } text) continue;
            var dockerfile = Dockerfile.Parse(path, text);
            dockerfiles.Add(dockerfile);
            recognised.Add(path);
            var role = dockerRoles[path];
            foreach (var run in dockerfile.Instructions.Where(i => i.Keyword == "RUN" && ServerCommands.CollectsStatic(i.CommandText)))
                collect.Add(run.Location);
            var (entrypoint, cmd) = dockerfile.Startup();
            var combined = $"{entrypoint?.CommandText} {cmd?.CommandText}";
            if (ServerCommands.Classify(combined, workerClass) is { } server)
            {
                var at = cmd is not null && ServerCommands.Classify(cmd.CommandText) is not null ? cmd : entrypoint ?? cmd!;
                launches.Add(new ServerLaunch(at.Location, at.CommandText, LaunchOrigin.Dockerfile, role, server.Server, server.Interface));
            }
            foreach (var startup in new[] { entrypoint, cmd })
                if (startup is not null && ServerCommands.CollectsStatic(startup.CommandText)) collect.Add(startup.Location);
            foreach (var (name, value, location) in dockerfile.Environment())
                env.Add(new EnvAssignment(name, value, location, role, "Dockerfile ENV"));
        }

        // Compose files.
        var composePaths = files.All.Where(IsComposeFile).ToList();
        var composeRoles = FileRoles.ForFamily(composePaths);
        var compose = new List<ComposeFile>();
        var envFileRoles = new Dictionary<string, FileRole>(StringComparer.Ordinal);
        foreach (var path in composePaths)
        {
            if (files.ReadText(path) is not { } text) continue;
            var file = ComposeFile.Parse(path, text, composeRoles[path], (line, message) => diagnostics.ParseError(path, line, message));
            if (file.Services.Count == 0) continue;
            compose.Add(file);
            recognised.Add(path);
            foreach (var service in file.Services)
            {
                foreach (var started in new[] { service.Entrypoint, service.Command })
                    if (started is not null) AddLaunch(started.Value, started.Location, LaunchOrigin.Compose, file.Role);
                foreach (var (name, value) in service.Environment)
                    env.Add(new EnvAssignment(name, value.Value, value.Location, file.Role, $"compose service {service.Name}"));
                // An env file takes the role of the compose file that loads it, unless its own name says more.
                foreach (var envFile in service.EnvFiles)
                {
                    var resolved = ProjectPath.Join(Directory(path), envFile.Value);
                    if (resolved is not null && FileRoles.FromPath(resolved) == FileRole.Neutral && file.Role != FileRole.Neutral)
                        envFileRoles[resolved] = file.Role;
                }
            }
        }

        foreach (var path in files.All)
        {
            var name = ProjectFiles.FileName(path);
            var lower = name.ToLowerInvariant();
            if (IsEnvFile(name))
            {
                recognised.Add(path);
                var role = envFileRoles.TryGetValue(path, out var r) ? r : FileRoles.FromPath(path);
                foreach (var (key, value, line) in EnvFileLines(files.ReadText(path) ?? ""))
                    env.Add(new EnvAssignment(key, value, new SourceLocation(path, line), role, "env file"));
            }
            else if (name.StartsWith("Procfile", StringComparison.Ordinal))
            {
                recognised.Add(path);
                var role = FileRoles.FromPath(path) == FileRole.Development ? FileRole.Development : FileRole.Production;
                // Heroku's and Dokku's Python buildpacks run collectstatic on every deploy by
                // themselves; with a production Dockerfile beside it, the image is what deploys.
                if (role == FileRole.Production && !dockerRoles.Values.Any(r => r != FileRole.Development))
                    collect.Add(new SourceLocation(path, 1));
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                {
                    var colon = text.IndexOf(':');
                    if (colon <= 0) continue;
                    var command = text[(colon + 1)..].Trim();
                    var at = new SourceLocation(path, line);
                    AddLaunch(command, at, LaunchOrigin.Procfile, role);
                    foreach (var (key, value) in LeadingAssignments(command))
                        env.Add(new EnvAssignment(key, value, at, role, "Procfile"));
                }
            }
            else if (lower.EndsWith(".service", StringComparison.Ordinal))
            {
                recognised.Add(path);
                var role = FileRoles.FromPath(path);
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                {
                    var at = new SourceLocation(path, line);
                    if (KeyValue(text) is not var (key, value)) continue;
                    if (key is "ExecStart" or "ExecStartPre" or "ExecStartPost" or "ExecReload")
                        AddLaunch(key == "ExecStart" ? value : "", at, LaunchOrigin.Systemd, role);
                    if (key.StartsWith("ExecStart", StringComparison.Ordinal) && ServerCommands.CollectsStatic(value)) collect.Add(at);
                    if (key == "Environment")
                        foreach (var word in ShellWords.Split(value))
                            if (word.IndexOf('=') is var eq and > 0)
                                env.Add(new EnvAssignment(word[..eq], word[(eq + 1)..], at, role, "systemd Environment"));
                }
            }
            else if ((lower.EndsWith(".conf", StringComparison.Ordinal) || lower.EndsWith(".ini", StringComparison.Ordinal))
                     && files.ReadText(path) is { } ini && (ini.Contains("[program:", StringComparison.Ordinal) || ini.Contains("[uwsgi]", StringComparison.Ordinal)))
            {
                recognised.Add(path);
                ReadIni(path, ini, FileRoles.FromPath(path), AddLaunch, env, uwsgi);
            }
            else if (IsScript(path, name, files))
            {
                recognised.Add(path);
                var role = FileRoles.FromPath(path);
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                    AddLaunch(text, new SourceLocation(path, line), LaunchOrigin.Script, role);
            }
            else if (IsCiFile(path) || name is "Makefile" or "makefile" or "GNUmakefile" or "fabfile.py" or "tasks.py"
                     || lower is "app.json" or "fly.toml" or "render.yaml" or "nixpacks.toml" or "railway.json" or "railway.toml" or "app.yaml")
            {
                // CI jobs and make targets start servers for tests and development only; what they
                // tell us is whether a build step collects static files.
                var isCi = IsCiFile(path);
                if (isCi) recognised.Add(path);
                foreach (var (text, line) in LogicalLines(files.ReadText(path) ?? ""))
                {
                    var at = new SourceLocation(path, line);
                    if (ServerCommands.CollectsStatic(text)) collect.Add(at);
                    if (isCi && ServerCommands.Classify(text, workerClass) is { } server)
                        launches.Add(new ServerLaunch(at, text.Trim(), LaunchOrigin.CI, FileRole.Development, server.Server, server.Interface));
                }
            }
        }

        var nginx = NginxLoader.Load(files, diagnostics);
        recognised.UnionWith(nginx.Select(n => n.Path));
        return new DeploymentFacts
        {
            Dockerfiles = dockerfiles,
            ComposeFiles = compose,
            Nginx = nginx,
            Launches = launches.Distinct().OrderBy(l => l.Location.Path, StringComparer.Ordinal).ThenBy(l => l.Location.Line).ToList(),
            Environment = env.OrderBy(e => e.Location.Path, StringComparer.Ordinal).ThenBy(e => e.Location.Line).ToList(),
            CollectstaticSteps = collect.Distinct().OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Line).ToList(),
            GunicornConfigs = gunicorn,
            UwsgiConfigs = uwsgi,
            Files = recognised.ToList(),
        };
    }

    private static bool IsDockerfile(string path)
    {
        var name = ProjectFiles.FileName(path);
        return name == "Dockerfile" || name.StartsWith("Dockerfile.", StringComparison.Ordinal) || name.EndsWith(".Dockerfile", StringComparison.Ordinal)
            || name.EndsWith(".dockerfile", StringComparison.Ordinal) || name == "Containerfile";
    }

    private static bool IsComposeFile(string path)
    {
        var name = ProjectFiles.FileName(path).ToLowerInvariant();
        return (name.StartsWith("docker-compose", StringComparison.Ordinal) || name.StartsWith("compose", StringComparison.Ordinal))
               && (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal));
    }

    /// <summary>.env, .env.production, production.env, .envs/.production/.django (cookiecutter-django).</summary>
    private static bool IsEnvFile(string name) =>
        name == ".env" || name.StartsWith(".env.", StringComparison.Ordinal) || name.EndsWith(".env", StringComparison.Ordinal) && name.Length > 4;

    private static bool IsGunicornConfig(string path)
    {
        var name = ProjectFiles.FileName(path).ToLowerInvariant();
        return name.StartsWith("gunicorn", StringComparison.Ordinal) && name.EndsWith(".py", StringComparison.Ordinal);
    }

    private static bool IsCiFile(string path) =>
        path.StartsWith(".github/workflows/", StringComparison.Ordinal) || path.StartsWith(".circleci/", StringComparison.Ordinal)
        || path is ".gitlab-ci.yml" or "bitbucket-pipelines.yml" or "azure-pipelines.yml" or ".travis.yml" or "Jenkinsfile" or ".drone.yml";

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

    /// <summary>supervisor programs (command=, environment=) and uwsgi ini files.</summary>
    private static void ReadIni(string path, string text, FileRole role, Action<string, SourceLocation, LaunchOrigin, FileRole> addLaunch,
        List<EnvAssignment> env, List<UwsgiConfig> uwsgi)
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
                if (section == "uwsgi") uwsgi.Add(new UwsgiConfig(path, new SourceLocation(path, i + 1), role));
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
            if (key == "command") addLaunch(value, at, LaunchOrigin.Supervisor, role);
            else if (key == "environment")
                foreach (Match pair in SupervisorEnvironment().Matches(value))
                    env.Add(new EnvAssignment(pair.Groups[1].Value, pair.Groups[2].Value.Trim('"', '\''), at, role, "supervisor environment"));
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

    private static string Directory(string path) => path.LastIndexOf('/') is var i and >= 0 ? path[..i] : "";
}
