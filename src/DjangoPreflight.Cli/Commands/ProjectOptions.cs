using System.CommandLine;
using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Cli.Commands;

/// <summary>How to read a project: which settings module, which environment, which Django.</summary>
public sealed class ProjectOptions
{
    public Option<string?> Settings { get; } = new("--settings") { Description = "Dotted settings module production runs (default: discovered)" };

    public Option<string[]> EnvFile { get; } = new("--env-file") { Description = "Read environment variables from a dotenv FILE (repeatable)" };

    public Option<string[]> Env { get; } = new("--env") { Description = "Set an environment variable, KEY=VALUE (repeatable)" };

    public Option<bool> InheritEnv { get; } = new("--inherit-env") { Description = "Start from this process's environment" };

    public Option<string?> DjangoVersion { get; } = new("--django-version") { Description = "The Django version to target, e.g. 4.2 (default: from dependency files)" };

    public Option<bool> NoHistory { get; } = new("--no-history") { Description = "Do not scan git history for secrets" };

    public void AddTo(Command command)
    {
        command.Add(Settings);
        command.Add(EnvFile);
        command.Add(Env);
        command.Add(InheritEnv);
        command.Add(DjangoVersion);
        command.Add(NoHistory);
    }

    /// <summary>The options as typed, each falling back to the configuration's value when not typed
    /// (<c>--env-file</c> replaces the configured env-files; <c>--no-history</c> can only turn the scan off).</summary>
    public ScanOptions Read(ParseResult parsed, PreflightConfig? config = null)
    {
        var version = parsed.GetValue(DjangoVersion) ?? config?.DjangoVersion?.Value;
        if (version is not null && !Analysis.Settings.DjangoVersion.TryParse(version, out _))
            throw new UsageException($"invalid --django-version '{version}' (expected MAJOR.MINOR, e.g. 4.2)");
        var envFiles = parsed.GetValue(EnvFile) ?? [];
        foreach (var file in envFiles)
        {
            if (!File.Exists(file))
                throw new UsageException($"--env-file '{file}' does not exist");
            CliFiles.Check("--env-file", file);
        }
        return new ScanOptions
        {
            SettingsModule = parsed.GetValue(Settings) ?? config?.Settings?.Value,
            EnvFiles = envFiles.Length > 0 ? envFiles.Select(Path.GetFullPath).ToList() : config?.EnvFiles?.Value ?? [],
            EnvPairs = (parsed.GetValue(Env) ?? []).Select(ParsePair).ToList(),
            InheritEnvironment = parsed.GetValue(InheritEnv),
            DjangoVersion = version,
            NoHistory = parsed.GetValue(NoHistory) || config?.NoHistory?.Value == true,
            Configuration = config ?? PreflightConfig.None,
        };
    }

    /// <summary>
    /// A settings module given with --settings (or by the configuration) must be a module of the
    /// project: a misspelt one would otherwise audit Django's defaults and fail on findings that
    /// are not the project's. One line, exit 2, naming the settings modules that do exist.
    /// </summary>
    public static void CheckSettingsModule(Analysis.Project.ProjectContext context)
    {
        // Files the walk did not list when the time budget ran out may hold it.
        if (context.Options.SettingsModule is not { } module || context.Files.Partial) return;
        var index = new Analysis.Discovery.ModuleIndex(context.Files, Analysis.Discovery.SettingsDiscovery.ImportRoots(context.Files));
        if (index.PathOf(module) is not null) return;
        var found = context.SettingsLayout.SettingsModules.Where(m => index.PathOf(m) is not null).Take(5).ToList();
        throw new UsageException($"--settings '{module}' is not a module of the project"
            + (found.Count > 0 ? $" (settings modules found: {string.Join(", ", found)})" : ""));
    }

    /// <summary>Validates a project path: it must exist and be a directory.</summary>
    public static string Directory(string path)
    {
        if (File.Exists(path))
            throw new UsageException($"'{path}' is a file; give the project directory");
        if (!System.IO.Directory.Exists(path))
            throw new UsageException($"'{path}' does not exist");
        return Path.GetFullPath(path);
    }

    private static KeyValuePair<string, string> ParsePair(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0)
            throw new UsageException($"invalid --env '{text}' (expected KEY=VALUE)");
        return new(text[..eq], text[(eq + 1)..]);
    }
}
