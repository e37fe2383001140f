using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>
/// Which third-party modules production will have installed, judged from the dependency files
/// (requirements*.txt, pyproject.toml, Pipfile, setup.py/cfg) by a text scan. Used only to decide
/// `try: import x / except ImportError` in settings: declared means the import succeeds; otherwise
/// both outcomes are possible.
/// </summary>
public sealed partial class DeclaredPackages
{
    [GeneratedRegex("[A-Za-z0-9][A-Za-z0-9._-]*", RegexOptions.NonBacktracking)]
    private static partial Regex Token();

    // Import name -> distribution name, where they differ beyond the usual django-/python- prefixes.
    private static readonly Dictionary<string, string> Distributions = new(StringComparer.Ordinal)
    {
        ["rest_framework"] = "djangorestframework",
        ["rest_framework_simplejwt"] = "djangorestframework-simplejwt",
        ["corsheaders"] = "django-cors-headers",
        ["debug_toolbar"] = "django-debug-toolbar",
        ["storages"] = "django-storages",
        ["crispy_forms"] = "django-crispy-forms",
        ["allauth"] = "django-allauth",
        ["csp"] = "django-csp",
        ["axes"] = "django-axes",
        ["dotenv"] = "python-dotenv",
        ["decouple"] = "python-decouple",
        ["environ"] = "django-environ",
        ["jwt"] = "pyjwt",
        ["argon2"] = "argon2-cffi",
        ["psycopg2"] = "psycopg2-binary",
        ["yaml"] = "pyyaml",
        ["dateutil"] = "python-dateutil",
    };

    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);

    public DeclaredPackages(ProjectFiles files)
    {
        foreach (var path in files.All)
        {
            var name = ProjectFiles.FileName(path);
            if (!(name.StartsWith("requirements", StringComparison.Ordinal) && name.EndsWith(".txt", StringComparison.Ordinal)
                  || name is "pyproject.toml" or "Pipfile" or "Pipfile.lock" or "setup.py" or "setup.cfg" or "poetry.lock" or "uv.lock"))
                continue;
            HasFiles = true;
            foreach (Match m in Token().Matches(files.ReadText(path) ?? ""))
                _tokens.Add(Normalize(m.Value));
        }
    }

    /// <summary>False when the project has no dependency file at all.</summary>
    public bool HasFiles { get; }

    public bool IsDeclared(string topLevelModule)
    {
        var m = Normalize(topLevelModule);
        if (Distributions.TryGetValue(topLevelModule, out var dist) && _tokens.Contains(dist)) return true;
        return _tokens.Contains(m) || _tokens.Contains("django-" + m) || _tokens.Contains("python-" + m) || _tokens.Contains("py" + m)
            || m.StartsWith("django-", StringComparison.Ordinal) && _tokens.Contains(m[7..]);
    }

    private static string Normalize(string name) => name.ToLowerInvariant().Replace('_', '-').Replace('.', '-');
}
