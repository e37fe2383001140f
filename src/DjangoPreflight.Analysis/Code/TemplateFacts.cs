using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Code;

/// <summary>Whether an error template exists where Django's template engines would find it.</summary>
public enum TemplatePresence { Found, Missing, Unknown }

/// <summary>
/// The error templates (400/403/404/500.html) Django's default error views look for, searched the
/// way the configured engines search: each TEMPLATES entry's DIRS, then (with APP_DIRS) the
/// templates/ (DjangoTemplates) or jinja2/ (Jinja2) folder of each installed project app.
/// </summary>
public sealed class TemplateFacts
{
    public static readonly string[] ErrorTemplates = ["400.html", "403.html", "404.html", "500.html"];

    public TemplateFacts(IReadOnlyDictionary<string, TemplatePresence> errorTemplates, IReadOnlyList<string> searchedDirectories)
    {
        ErrorTemplatesPresence = errorTemplates;
        SearchedDirectories = searchedDirectories;
    }

    /// <summary>For each of <see cref="ErrorTemplates"/>: found, missing, or unknown (some search
    /// directory could not be resolved or lies outside the project).</summary>
    public IReadOnlyDictionary<string, TemplatePresence> ErrorTemplatesPresence { get; }

    /// <summary>The project directories searched, relative with '/' ("" is the root), in search order.</summary>
    public IReadOnlyList<string> SearchedDirectories { get; }

    public static TemplateFacts Load(SettingsModel? settings, ProjectFiles files, ModuleIndex index)
    {
        var unresolved = settings is null;
        var dirs = new List<string>();
        if (settings?["TEMPLATES"]?.Value is { } templates)
        {
            if (templates.AsSequence is not { } engines) unresolved = true;
            else
                foreach (var engine in engines)
                {
                    if (engine is not PyDict e) { unresolved = true; continue; }
                    var jinja = e.Get("BACKEND")?.AsString?.Contains("jinja2", StringComparison.OrdinalIgnoreCase) ?? false;
                    if (e.Get("DIRS") is { } d)
                    {
                        if (d.AsSequence is not { } items) unresolved = true;
                        else
                            foreach (var item in items)
                                if (ProjectPath(item, files.Root) is { } rel) dirs.Add(rel);
                                else unresolved = true;
                    }
                    var appDirs = e.Get("APP_DIRS");
                    if (appDirs is { Truthy: null }) unresolved = true;
                    else if (appDirs?.Truthy == true) dirs.AddRange(AppDirectories(settings, index, jinja ? "jinja2" : "templates", ref unresolved));
                }
        }
        var available = files.All.ToHashSet(StringComparer.Ordinal);
        var presence = new SortedDictionary<string, TemplatePresence>(StringComparer.Ordinal);
        foreach (var name in ErrorTemplates)
            presence[name] = dirs.Any(d => available.Contains(d.Length == 0 ? name : $"{d}/{name}")) ? TemplatePresence.Found
                : unresolved ? TemplatePresence.Unknown : TemplatePresence.Missing;
        return new TemplateFacts(presence, dirs.Distinct().ToList());
    }

    private static IEnumerable<string> AppDirectories(SettingsModel settings, ModuleIndex index, string folder, ref bool unresolved)
    {
        var found = new List<string>();
        if (settings["INSTALLED_APPS"]?.Value.AsSequence is not { } apps)
        {
            unresolved = true;
            return found;
        }
        foreach (var app in apps)
        {
            if (app is not PyStr s) { unresolved = true; continue; }
            // "shop.apps.ShopConfig" names an AppConfig: the app's package is the part before ".apps.".
            var module = s.Value.Contains(".apps.", StringComparison.Ordinal) ? s.Value[..s.Value.IndexOf(".apps.", StringComparison.Ordinal)] : s.Value;
            if (index.PathOf(module) is { } path && index.IsPackage(module))
                found.Add(path[..path.LastIndexOf('/')] + "/" + folder);
        }
        return found;
    }

    /// <summary>A settings path value as a project-relative directory, or null when it is unknown or
    /// outside the scanned project.</summary>
    public static string? ProjectPath(PyValue value, string root)
    {
        var text = value switch { PyPath p => p.Value, PyStr s => s.Value, _ => null };
        if (text is null) return null;
        text = text.Replace('\\', '/').TrimEnd('/');
        var rootText = root.Replace('\\', '/').TrimEnd('/');
        if (text == rootText) return "";
        if (text.StartsWith(rootText + "/", StringComparison.Ordinal)) return Clean(text[(rootText.Length + 1)..]);
        return Path.IsPathRooted(text) ? null : Clean(text);
    }

    private static string? Clean(string relative)
    {
        var parts = new List<string>();
        foreach (var part in relative.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..") { if (parts.Count == 0) return null; parts.RemoveAt(parts.Count - 1); }
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }
}
