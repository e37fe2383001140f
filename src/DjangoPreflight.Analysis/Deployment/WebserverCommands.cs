using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Toml;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// Management commands that run uWSGI in-process through django-webserver's <c>pyuwsgi</c> command:
/// <c>pyuwsgi</c> itself and the project's own commands whose <c>Command</c> subclasses it (nautobot's
/// <c>nautobot-server start</c>). Unless settings.PYUWSGI_ARGS replaces them, that command's default
/// arguments add <c>--static-map STATIC_URL=STATIC_ROOT</c> for a local STATIC_URL: the server serves
/// the collected static files itself. A command line runs one when a Django runner (manage.py,
/// django-admin, <c>python -m django</c>, or a console script the project's pyproject.toml declares,
/// which is how such projects wrap manage.py) is followed by the command's name.
/// </summary>
public sealed partial class WebserverCommands
{
    /// <summary>The django-webserver command that runs uWSGI.</summary>
    public const string Pyuwsgi = "django_webserver.management.commands.pyuwsgi";

    private readonly Dictionary<string, string> _commands;
    private readonly HashSet<string> _scripts;

    private WebserverCommands(Dictionary<string, string> commands, HashSet<string> scripts)
    {
        _commands = commands;
        _scripts = scripts;
    }

    public static WebserverCommands Find(ProjectFiles files)
    {
        var commands = new Dictionary<string, string>(StringComparer.Ordinal) { ["pyuwsgi"] = Pyuwsgi };
        foreach (var path in files.All.Where(p => p.EndsWith(".py", StringComparison.Ordinal) && p.Contains("/management/commands/", StringComparison.Ordinal)))
        {
            if (files.ReadText(path) is not { } text || !text.Contains(Pyuwsgi, StringComparison.Ordinal)) continue;
            // from django_webserver.management.commands.pyuwsgi import Command [as Base] ... class Command(Base):
            if (ImportedCommand().Match(text) is { Success: true } import
                && CommandClass().Matches(text).Any(m => m.Groups[1].Value == (import.Groups[1].Success ? import.Groups[1].Value : "Command")))
                commands[ProjectFiles.FileName(path)[..^3]] = path;
        }
        return new WebserverCommands(commands, ConsoleScripts(files));
    }

    /// <summary>The file that defines the uWSGI command <paramref name="command"/> runs (or django-webserver's
    /// module for <c>pyuwsgi</c> itself), or null when it runs none.</summary>
    public string? UwsgiCommandOf(string command)
    {
        var words = ShellWords.Split(command).ToList();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (!IsRunner(words, i)) continue;
            // Options between the runner and the command (manage.py --settings=x start) are skipped.
            var j = i + 1;
            while (j < words.Count && words[j].StartsWith('-')) j++;
            if (j < words.Count && _commands.TryGetValue(words[j], out var where)) return where;
        }
        return null;
    }

    private bool IsRunner(List<string> words, int i)
    {
        var word = words[i];
        var name = word[(word.LastIndexOf('/') + 1)..];
        return name is "manage.py" or "django-admin" or "django-admin.py" || _scripts.Contains(name)
               || word == "django" && i > 0 && words[i - 1] == "-m";
    }

    /// <summary>The console scripts pyproject.toml declares ([project.scripts], [tool.poetry.scripts]).</summary>
    private static HashSet<string> ConsoleScripts(ProjectFiles files)
    {
        var scripts = new HashSet<string>(StringComparer.Ordinal);
        if (!files.All.Contains("pyproject.toml") || files.ReadText("pyproject.toml") is not { } text) return scripts;
        TomlTable document;
        try
        {
            document = TomlReader.Parse(text);
        }
        catch (TomlException)
        {
            // The dependency reader reports a malformed pyproject.toml; no scripts are known here.
            return scripts;
        }
        foreach (var table in new[] { document.Table("project", "scripts"), document.Table("tool", "poetry", "scripts") })
            if (table is not null) scripts.UnionWith(table.Entries.Keys);
        return scripts;
    }

    [GeneratedRegex(@"^from\s+django_webserver\.management\.commands\.pyuwsgi\s+import\s+Command(?:\s+as\s+(\w+))?[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex ImportedCommand();

    [GeneratedRegex(@"^class\s+Command\s*\(\s*(\w+)\s*\)", RegexOptions.Multiline | RegexOptions.NonBacktracking)]
    private static partial Regex CommandClass();
}
