using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Discovery;

/// <summary>A DJANGO_SETTINGS_MODULE (or, for django-configurations, DJANGO_CONFIGURATION) a Python file
/// sets: <c>os.environ.setdefault(...)</c> (a default the environment overrides) or
/// <c>os.environ[...] = ...</c> (which overrides the environment).</summary>
public sealed record PythonSettingsDefault(string Module, string Path, int Line, bool Forces, bool InFunction);

/// <summary>
/// Finds every literal DJANGO_SETTINGS_MODULE that Python code sets, from the parsed code (so a
/// commented-out line or a docstring never counts): manage.py, wsgi.py/asgi.py, package
/// <c>__init__</c> modules, celery apps and Python launch scripts without an extension.
/// Tests and migrations are skipped.
/// </summary>
public static class PythonSettingsDefaults
{
    public static IReadOnlyList<PythonSettingsDefault> Find(ProjectFiles files, PythonSources python, string variable = "DJANGO_SETTINGS_MODULE")
    {
        var found = new List<PythonSettingsDefault>();
        foreach (var path in files.All)
        {
            if (PythonSources.IsMigrationOrTest(path) || !IsPython(path, files) || files.ReadText(path) is not { } text
                || !text.Contains(variable, StringComparison.Ordinal) || python.Get(path) is not { } parsed)
                continue;
            foreach (var statement in parsed.Module.Body)
            {
                var inFunction = statement is FunctionDef or AsyncFunctionDef or ClassDef;
                foreach (var node in AstWalker.DescendantsAndSelf(statement))
                    if (Setting(node, variable) is var (module, forces))
                        found.Add(new PythonSettingsDefault(module, path, node.Lineno, forces, inFunction));
            }
        }
        return found;
    }

    /// <summary>A .py file, or an extension-less script whose shebang runs Python (jumpserver's <c>jms</c>).</summary>
    private static bool IsPython(string path, ProjectFiles files)
    {
        if (path.EndsWith(".py", StringComparison.Ordinal)) return true;
        var name = ProjectFiles.FileName(path);
        return !name.Contains('.') && files.ReadText(path) is { } text && text.StartsWith("#!", StringComparison.Ordinal)
               && text.AsSpan(0, Math.Min(64, text.Length)).Contains("python", StringComparison.Ordinal);
    }

    private static (string Module, bool Forces)? Setting(Node node, string variable)
    {
        switch (node)
        {
            case Call { Func: Attribute { Attr: "setdefault" } f, Args: [var key, var value] } when IsEnviron(f.Value) && DottedName.String(key) == variable:
                return DottedName.String(value) is { } defaulted ? (defaulted, false) : null;
            case Assign { Targets: [Subscript { Value: var target, Slice: var key }], Value: var value } when IsEnviron(target) && DottedName.String(key) == variable:
                return DottedName.String(value) is { } assigned ? (assigned, true) : null;
            default:
                return null;
        }
    }

    private static bool IsEnviron(Expression e) => DottedName.Of(e) is "os.environ" or "environ";
}
