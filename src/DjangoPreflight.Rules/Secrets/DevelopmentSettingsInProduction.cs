using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP110: manage.py/wsgi.py/asgi.py default to a development settings module, or production
/// settings import development settings.</summary>
public sealed partial class DevelopmentSettingsInProduction : ProjectRule
{
    // Module name parts that mark development settings (split on '.' and '_').
    private static readonly HashSet<string> DevelopmentWords = new(StringComparer.Ordinal)
    {
        "dev", "develop", "development", "local", "test", "tests", "testing", "debug",
    };

    private static readonly HashSet<string> ProductionWords = new(StringComparer.Ordinal)
    {
        "prod", "production", "live", "deploy", "deployment",
    };

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP110",
        Title: "Development settings used in production",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["001", "003"],
        Docs: new RuleDocs(
            Why: """
                wsgi.py and asgi.py are what gunicorn, uWSGI and daphne import: their
                `os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` decides the settings whenever
                the server's environment does not set the variable, which is easy to lose in a new
                service file or container. When that default is the dev module, production quietly
                runs with DEBUG on and dev keys. Production settings that `import *` from dev settings
                inherit the same.
                """,
            Fix: """
                Make the default the production module (or none, so a missing variable fails loudly),
                set DJANGO_SETTINGS_MODULE explicitly in the deployment, and build production and
                development settings each on a shared base module, never one on the other.
                """,
            Before: """
                # shop/wsgi.py
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.dev")
                # shop/settings/production.py
                from .dev import *
                """,
            After: """
                # shop/wsgi.py
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings.production")
                # shop/settings/production.py
                from .base import *
                """));

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        var files = project.Files;
        foreach (var path in files.All.Where(p => FileName(p) is "manage.py" or "wsgi.py" or "asgi.py"))
        {
            if (files.ReadText(path) is not { } text) continue;
            foreach (var (line, module) in SettingsModuleDefaults(text))
            {
                if (!IsNamed(module, DevelopmentWords)) continue;
                var server = FileName(path) != "manage.py";
                yield return Finding(
                    server
                        ? $"{path} defaults DJANGO_SETTINGS_MODULE to the development module {module}: any server started without the variable runs development settings."
                        : $"{path} defaults DJANGO_SETTINGS_MODULE to the development module {module}: migrate, collectstatic and other commands on the server use it unless the variable is set.",
                    new SourceLocation(path, line),
                    severity: server ? Severity.High : Severity.Medium);
            }
        }

        foreach (var path in files.All.Where(p => p.EndsWith(".py", StringComparison.Ordinal) && IsProductionSettings(p)))
        {
            if (files.ReadText(path) is not { } text) continue;
            var lineNumber = 0;
            foreach (var line in text.Split('\n'))
            {
                lineNumber++;
                if (ImportFrom().Match(line) is not { Success: true } m) continue;
                var module = m.Groups["module"].Value;
                if (!IsNamed(module, DevelopmentWords) || ResolveModule(files, path, module) is not { } target) continue;
                // Indented means inside try/if: an optional override, which still runs if the file is deployed.
                var optional = m.Groups["indent"].Length > 0;
                yield return Finding(
                    optional
                        ? $"{path} imports development settings from {target} when that module is present; deploying it turns production into development."
                        : $"{path} imports the development settings {target}: production inherits everything development sets.",
                    new SourceLocation(path, lineNumber), optional ? Confidence.Medium : Confidence.Certain);
            }
        }
    }

    /// <summary>(line, module) for each literal default or assignment of DJANGO_SETTINGS_MODULE.</summary>
    private static IEnumerable<(int Line, string Module)> SettingsModuleDefaults(string text)
    {
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.TrimStart().StartsWith('#')) continue;
            if (SettingsModuleDefault().Match(line) is { Success: true } m)
                yield return (lineNumber, m.Groups["module"].Value);
        }
    }

    private static bool IsProductionSettings(string path)
    {
        var stem = FileName(path)[..^3];
        var inSettings = path.Contains("settings", StringComparison.Ordinal);
        return inSettings && stem.Split('_', '.').Any(ProductionWords.Contains);
    }

    private static bool IsNamed(string module, HashSet<string> words) =>
        module.Split('.').LastOrDefault(p => p.Length > 0) is { } last && last.Split('_').Any(words.Contains);

    /// <summary>The root-relative file a `from X import` names, if the project has it (so that
    /// `from django.test import ...` and other libraries never count).</summary>
    private static string? ResolveModule(ProjectFiles files, string importer, string module)
    {
        string basePath;
        var dots = module.TakeWhile(c => c == '.').Count();
        if (dots > 0)
        {
            var dir = importer.Contains('/') ? importer[..importer.LastIndexOf('/')] : "";
            for (var i = 1; i < dots && dir.Length > 0; i++)
                dir = dir.Contains('/') ? dir[..dir.LastIndexOf('/')] : "";
            var rest = module[dots..].Replace('.', '/');
            basePath = dir.Length == 0 ? rest : $"{dir}/{rest}";
        }
        else
        {
            basePath = module.Replace('.', '/');
        }
        foreach (var candidate in new[] { basePath + ".py", basePath + "/__init__.py" })
            if (files.Exists(candidate)) return candidate;
        // Absolute imports may be relative to a source folder (src/, backend/): match by suffix.
        return dots == 0 ? files.All.FirstOrDefault(p => p.EndsWith("/" + basePath + ".py", StringComparison.Ordinal)) : null;
    }

    private static string FileName(string path) => ProjectFiles.FileName(path);

    [GeneratedRegex("""(?:setdefault\(\s*|environ\[\s*)['"]DJANGO_SETTINGS_MODULE['"]\s*(?:,|\]\s*=)\s*['"](?<module>[\w.]+)['"]""", RegexOptions.NonBacktracking)]
    private static partial Regex SettingsModuleDefault();

    [GeneratedRegex(@"^(?<indent>[ \t]*)from\s+(?<module>[.\w]+)\s+import\s", RegexOptions.NonBacktracking)]
    private static partial Regex ImportFrom();
}
