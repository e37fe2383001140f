using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Toml;
using DjangoPreflight.Core;
using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Analysis.Configuration;

/// <summary>What the configuration may name that this layer cannot check by itself: rule IDs and report formats.</summary>
public sealed record ConfigVocabulary(Func<string, bool> IsRuleIdOrPrefix, IReadOnlyList<string> Formats);

/// <summary>
/// Reads the configuration, as Ruff does: the <c>[tool.django-preflight]</c> table of a pyproject.toml,
/// or the top level of any other TOML file given with <c>--config</c> (like ruff.toml). Strict: an
/// unknown key, a value of the wrong type, an unknown rule or severity is a <see cref="ConfigException"/>
/// naming the file, the line and the key, never silently ignored.
/// </summary>
public static partial class ConfigFile
{
    public const string PyprojectName = "pyproject.toml";
    public const string Table = "tool.django-preflight";

    private static readonly string[] Keys =
        ["django-version", "env-files", "exclude", "fail-on", "format", "ignore", "min-confidence", "no-history", "per-path-ignores", "select", "settings"];

    /// <summary>The largest configuration file, or env file a configuration names, read from a project.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The project's own pyproject.toml, if it has a <c>[tool.django-preflight]</c> table. A pyproject.toml
    /// that is not valid TOML is an error only when it mentions django-preflight: otherwise it cannot hold our
    /// configuration, and the dependency reader reports it as a parse error as before. One that is not a
    /// regular file inside the project (a link out of it, a pipe, a device) is an error.</summary>
    public static PreflightConfig Discover(string projectDirectory, string displayFile, ConfigVocabulary vocabulary)
    {
        var path = Path.Combine(projectDirectory, PyprojectName);
        if (FileTypes.Of(path, followLinks: false) == FileType.Missing) return PreflightConfig.None;
        if (ProjectConfinement.Problem(path, projectDirectory) is { } problem)
            throw new ConfigException($"cannot read {displayFile}: it is a link that leads {problem}");
        if (FileTypes.Of(path) == FileType.Missing) return PreflightConfig.None; // a dangling link inside
        var text = ReadText(path, displayFile, MaxBytes);
        TomlTable doc;
        try
        {
            doc = TomlReader.Parse(text);
        }
        catch (TomlException e)
        {
            if (!text.Contains("django-preflight", StringComparison.Ordinal)) return PreflightConfig.None;
            throw Invalid(displayFile, e);
        }
        return FromDocument(doc, path, displayFile, vocabulary, projectDirectory);
    }

    /// <summary>A file named with <c>--config</c>: it must be readable TOML. When it lies inside the scanned
    /// project (<paramref name="projectDirectory"/>), what it names is held to the project like pyproject.toml.</summary>
    public static PreflightConfig Read(string path, string displayFile, ConfigVocabulary vocabulary, string? projectDirectory = null)
    {
        var text = ReadText(path, displayFile, BoundedFile.CommandLineMaxBytes);
        var confined = projectDirectory is not null && RealPath.IsInside(path, projectDirectory) ? projectDirectory : null;
        try
        {
            return FromDocument(TomlReader.Parse(text), path, displayFile, vocabulary, confined);
        }
        catch (TomlException e)
        {
            throw Invalid(displayFile, e);
        }
    }

    private static string ReadText(string path, string displayFile, long maxBytes)
    {
        try
        {
            return BoundedFile.ReadText(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"cannot read {displayFile}: {e.Message}");
        }
    }

    private static ConfigException Invalid(string displayFile, TomlException e) => new($"{displayFile}:{e.Line}: invalid TOML: {e.Message}");

    /// <param name="confinedTo">The project the file belongs to, whose bounds what it names must keep; null for a user's own file.</param>
    private static PreflightConfig FromDocument(TomlTable doc, string path, string displayFile, ConfigVocabulary vocabulary, string? confinedTo)
    {
        var inPyproject = Path.GetFileName(path) == PyprojectName;
        var table = doc;
        if (inPyproject)
        {
            switch (doc.Table("tool")?["django-preflight"])
            {
                case null:
                    return PreflightConfig.None;
                case TomlTable t:
                    table = t;
                    break;
                case var other:
                    throw new ConfigException($"{displayFile}:{other.Line}: '{Table}' must be a table, not {Article(other.TypeName)}");
            }
        }
        var reader = new Reader(displayFile, inPyproject ? $" in [{Table}]" : "", Path.GetDirectoryName(path)!, vocabulary, confinedTo);
        return reader.Config(table);
    }

    private static string Article(string typeName) => (typeName[0] is 'a' or 'i' ? "an " : "a ") + typeName;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.NonBacktracking)]
    private static partial Regex DottedModule();

    /// <summary>Checks each key's type and value, reporting the first problem by line.</summary>
    private sealed class Reader(string file, string where, string directory, ConfigVocabulary vocabulary, string? confinedTo)
    {
        public PreflightConfig Config(TomlTable table)
        {
            var config = new PreflightConfig { File = file };
            foreach (var (key, value) in table.Entries.OrderBy(e => e.Value.Line).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                config = key switch
                {
                    "select" => config with { Select = Rules(key, value) },
                    "ignore" => config with { Ignore = Rules(key, value) },
                    "fail-on" => config with { FailOn = Severity(key, value) },
                    "min-confidence" => config with { MinConfidence = Confidence(key, value) },
                    "format" => config with { Format = Format(key, value) },
                    "settings" => config with { Settings = Module(key, value) },
                    "env-files" => config with { EnvFiles = EnvFiles(key, value) },
                    "django-version" => config with { DjangoVersion = Version(key, value) },
                    "no-history" => config with { NoHistory = Boolean(key, value) },
                    "per-path-ignores" => config with { PerPathIgnores = PerPathIgnores(key, value) },
                    "exclude" => config with { Exclude = Patterns(key, value) },
                    _ => throw Unknown(key, value.Line),
                };
            }
            return config;
        }

        private ConfigException Unknown(string key, int line)
        {
            var hint = Keys.Contains(key.Replace('_', '-')) ? $" (did you mean '{key.Replace('_', '-')}'?)" : $" (expected one of: {string.Join(", ", Keys)})";
            return Error(line, $"unknown key '{key}'{where}{hint}");
        }

        private ConfigException Error(int line, string message) => new($"{file}:{line}: {message}");

        private ConfigException WrongType(string key, TomlValue value, string expected) =>
            Error(value.Line, $"'{key}' must be {expected}, not {Article(value.TypeName)}");

        private Configured<string> String(string key, TomlValue value) =>
            value is TomlString s ? new(s.Value, s.Line) : throw WrongType(key, value, "a string");

        private Configured<bool> Boolean(string key, TomlValue value) =>
            value is TomlScalar { Kind: TomlScalarKind.Boolean } b ? new(b.Raw == "true", b.Line) : throw WrongType(key, value, "true or false");

        private Configured<IReadOnlyList<string>> Strings(string key, TomlValue value) =>
            new(StringItems(key, value).Select(i => i.Text).ToList(), value.Line);

        /// <summary>An array of strings, each with its own line, for messages about one item.</summary>
        private List<(string Text, int Line)> StringItems(string key, TomlValue value)
        {
            if (value is not TomlArray array) throw WrongType(key, value, "an array of strings");
            return array.Items
                .Select(item => item is TomlString s ? (s.Value, item.Line) : throw Error(item.Line, $"'{key}' must be an array of strings; it holds {Article(item.TypeName)}"))
                .ToList();
        }

        private PathGlob Glob(string key, string pattern, int line) =>
            PathGlob.TryParse(pattern, out var error) ?? throw Error(line, $"invalid path pattern '{pattern}' in '{key}': {error}");

        private Configured<IReadOnlyList<string>> Rules(string key, TomlValue value)
        {
            var rules = Strings(key, value);
            if (rules.Value.Count == 0 && key == "select")
                throw Error(value.Line, "'select' is empty, which would run no rule (leave it out to run every rule)");
            CheckRules(key, value);
            return rules;
        }

        private void CheckRules(string key, TomlValue value)
        {
            foreach (var (rule, line) in StringItems(key, value))
                if (rule.Trim().Length == 0 || !vocabulary.IsRuleIdOrPrefix(rule.Trim()))
                    throw Error(line, $"unknown rule ID or prefix '{rule}' in '{key}' (see 'django-preflight rules')");
        }

        private Configured<string> Severity(string key, TomlValue value)
        {
            var text = String(key, value);
            return SeverityNames.TryParse(text.Value, out _)
                ? text
                : throw Error(value.Line, $"unknown severity '{text.Value}' for '{key}' (expected one of: {string.Join(", ", SeverityNames.All)})");
        }

        private Configured<string> Confidence(string key, TomlValue value)
        {
            var text = String(key, value);
            return ConfidenceNames.TryParse(text.Value, out _)
                ? text
                : throw Error(value.Line, $"unknown confidence '{text.Value}' for '{key}' (expected one of: {string.Join(", ", ConfidenceNames.All)})");
        }

        private Configured<string> Format(string key, TomlValue value)
        {
            var text = String(key, value);
            return vocabulary.Formats.Contains(text.Value)
                ? text
                : throw Error(value.Line, $"unknown format '{text.Value}' for '{key}' (expected one of: {string.Join(", ", vocabulary.Formats)})");
        }

        private Configured<string> Module(string key, TomlValue value)
        {
            var text = String(key, value);
            return DottedModule().IsMatch(text.Value)
                ? text
                : throw Error(value.Line, $"'{key}' must be a dotted module name such as 'shop.settings.production', not '{text.Value}'");
        }

        private Configured<string> Version(string key, TomlValue value)
        {
            if (value is TomlScalar { Kind: TomlScalarKind.Float or TomlScalarKind.Integer })
                throw Error(value.Line, $"'{key}' must be a string such as \"4.2\" (a TOML number would read 4.10 as 4.1)");
            var text = String(key, value);
            return Settings.DjangoVersion.TryParse(text.Value, out _)
                ? text
                : throw Error(value.Line, $"invalid '{key}' '{text.Value}' (expected MAJOR.MINOR, e.g. \"4.2\")");
        }

        private Configured<IReadOnlyList<string>> EnvFiles(string key, TomlValue value)
        {
            var full = new List<string>();
            foreach (var (name, line) in StringItems(key, value))
            {
                var path = Path.GetFullPath(Path.Combine(directory, name));
                if (FileTypes.Of(path) == FileType.Missing)
                    throw Error(line, $"'{key}': '{name}' does not exist (paths are relative to {file}'s folder)");
                if (confinedTo is not null && ProjectConfinement.Problem(path, confinedTo) is { } problem)
                    throw Error(line, $"'{key}': '{name}' is {problem}: a project's configuration may name only the project's own files");
                try
                {
                    BoundedFile.Check(path, confinedTo is null ? BoundedFile.CommandLineMaxBytes : MaxBytes);
                }
                catch (FileRefusedException e)
                {
                    throw Error(line, $"'{key}': '{name}': {e.Message}");
                }
                full.Add(path);
            }
            return new(full, value.Line);
        }

        private List<PathGlob> Patterns(string key, TomlValue value)
        {
            return StringItems(key, value).Select(p => Glob(key, p.Text, p.Line)).ToList();
        }

        private List<PathIgnore> PerPathIgnores(string key, TomlValue value)
        {
            if (value is not TomlTable table) throw WrongType(key, value, "a table of path pattern = [rule IDs]");
            var entries = new List<PathIgnore>();
            foreach (var (pattern, rules) in table.Entries.OrderBy(e => e.Value.Line).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                var glob = Glob(key, pattern, rules.Line);
                var ids = Strings($"{key}.\"{pattern}\"", rules);
                if (ids.Value.Count == 0) throw Error(rules.Line, $"'{key}' entry '{pattern}' lists no rules");
                CheckRules(key, rules);
                entries.Add(new PathIgnore(glob, ids.Value.Select(r => r.Trim()).ToList(), rules.Line));
            }
            return entries;
        }
    }
}
