using System.CommandLine;
using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Cli.Commands;
using DjangoPreflight.Reporting;

namespace DjangoPreflight.Cli.Configuration;

/// <summary><c>--config FILE</c> and <c>--isolated</c>: which configuration file, if any, a command reads.
/// Without either, <c>scan</c> and <c>settings</c> read PATH/pyproject.toml; <c>probe</c> reads only a
/// file named with <c>--config</c> (its target is a URL, so no project folder says which file is meant).</summary>
public sealed class ConfigOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "Read the configuration from FILE instead of PATH/pyproject.toml ([tool.django-preflight] of a pyproject.toml, or the top level of any other TOML file)" };

    public Option<bool> Isolated { get; } = new("--isolated", "--no-config") { Description = "Ignore all configuration files" };

    public void AddTo(Command command)
    {
        command.Add(Config);
        command.Add(Isolated);
    }

    private static readonly ConfigVocabulary Vocabulary = new(RuleSelection.IsKnown, ReportWriters.Formats);

    /// <param name="projectDirectory">The scanned project's folder, whose pyproject.toml is read; null for probe.</param>
    /// <param name="displayDirectory">The same folder as the user wrote it, for messages.</param>
    public PreflightConfig Load(ParseResult parsed, string? projectDirectory = null, string? displayDirectory = null)
    {
        var file = parsed.GetValue(Config);
        if (parsed.GetValue(Isolated))
            return file is null ? PreflightConfig.None : throw new UsageException("--config and --isolated cannot be used together");
        try
        {
            if (file is not null)
            {
                if (!File.Exists(file)) throw new UsageException($"--config '{file}' does not exist");
                return ConfigFile.Read(Path.GetFullPath(file), file, Vocabulary, projectDirectory);
            }
            if (projectDirectory is null) return PreflightConfig.None;
            var shown = displayDirectory is null or "." or "./" ? ConfigFile.PyprojectName : $"{displayDirectory.TrimEnd('/')}/{ConfigFile.PyprojectName}";
            return ConfigFile.Discover(projectDirectory, shown, Vocabulary);
        }
        catch (ConfigException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>The option's value when the user typed it, else the configured value, else the option's default:
    /// a typed option overrides the configuration, a default does not.</summary>
    public static string Resolve(ParseResult parsed, Option<string> option, Configured<string>? configured) =>
        parsed.GetResult(option) is { Implicit: false } || configured is null ? parsed.GetValue(option)! : configured.Value;
}
