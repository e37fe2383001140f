using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Values that only exist while evaluating (modules, functions, library objects). They never leave
/// the evaluator: <see cref="Py.Export"/> turns them into <see cref="PyUnknown"/> with a reason.
/// </summary>
internal abstract record PyOpaque : PyValue
{
    public override bool? Truthy => true;

    public abstract string Describe { get; }
}

/// <summary>A module we model by name (os, os.path, environ, decouple, ...), or one we know nothing about.</summary>
internal sealed record PyModuleRef(string Name, bool Modelled) : PyOpaque
{
    public override string Describe => $"module {Name}";
}

/// <summary>A module of the project, evaluated: its namespace.</summary>
internal sealed record PyProjectModule(string Name, ModuleScope Scope) : PyOpaque
{
    public override string Describe => $"module {Name}";
}

/// <summary>A library function or method we model, by qualified name, with its bound receiver if any.</summary>
internal sealed record PyBuiltin(string Name, PyValue? Self = null) : PyOpaque
{
    public override string Describe => Name + "()";
}

/// <summary>A function defined in the settings themselves.</summary>
internal sealed record PyFunction(string Name, Arguments Args, ImmutableArray<Statement> Body, Expression? LambdaBody,
    ImmutableArray<PyValue> Defaults, ImmutableArray<PyValue?> KwDefaults, ModuleScope Globals, string File) : PyOpaque
{
    public override string Describe => $"function {Name}";

    /// <summary>How a class binds it: @staticmethod, @classmethod and @property change what attribute access gives.</summary>
    public MethodKind Kind { get; init; }
}

internal enum MethodKind { Plain, Static, Class, Property }

/// <summary>A method bound to its instance (or, for a classmethod, its class).</summary>
internal sealed record PyBound(PyValue Self, PyFunction Function) : PyOpaque
{
    public override string Describe => $"bound method {Function.Name}";
}

/// <summary>A class defined in the settings (plain, or a pydantic BaseSettings subclass).</summary>
internal sealed record PyClass(string Name, IReadOnlyList<KeyValuePair<string, PyValue>> Attributes,
    IReadOnlyList<KeyValuePair<string, string?>> Annotations, bool IsPydanticSettings) : PyOpaque
{
    public override string Describe => $"class {Name}";

    /// <summary>A django-configurations class (it derives from configurations.Configuration).</summary>
    public bool IsConfiguration { get; init; }

    /// <summary>Where each attribute was last assigned in the class bodies (its own or a base's) and the
    /// environment variables it depends on: what a class's attributes become as settings is located there.</summary>
    public ImmutableDictionary<string, Binding> Sources { get; init; } = ImmutableDictionary<string, Binding>.Empty.WithComparers(StringComparer.Ordinal);
}

/// <summary>An instance of a project class: its attributes.</summary>
internal sealed record PyInstance(string ClassName, ImmutableDictionary<string, PyValue> Attributes) : PyOpaque
{
    public override string Describe => $"{ClassName} instance";

    /// <summary>Its class, for methods; null for instances made by modelled libraries.</summary>
    public PyClass? Class { get; init; }
}

/// <summary>django-environ's <c>Env(**scheme)</c>.</summary>
internal sealed record PyEnvReader(ImmutableDictionary<string, PyValue> Scheme) : PyOpaque
{
    public override string Describe => FileAware ? "environ.FileAwareEnv instance" : "environ.Env instance";

    /// <summary>environ.FileAwareEnv: a variable <c>X</c> is read from the file <c>X_FILE</c> names when that is set.</summary>
    public bool FileAware { get; init; }
}

/// <summary>A cast function passed to env readers: bool, int, str, float, list, tuple, dict, json.loads, Csv(...), ...</summary>
internal sealed record PyCast(string Kind, PyValue? Inner = null, ImmutableDictionary<string, PyValue>? Options = null) : PyOpaque
{
    public override string Describe => $"cast {Kind}";
}

/// <summary>An exception class (ImproperlyConfigured, KeyError, ...), kept so raise/except can match.</summary>
internal sealed record PyExceptionClass(string Name, string? Message = null) : PyOpaque
{
    public override string Describe => $"exception {Name}";
}

/// <summary>A django-environ Path object (environ.Path); <see cref="Root"/> is absolute.</summary>
internal sealed record PyEnvironPath(string Root) : PyOpaque
{
    public override string Describe => $"<Path:{Root}>";
}

/// <summary>What <c>globals()</c> (or <c>vars()</c>/<c>locals()</c> at module level) returns: the module's own namespace.</summary>
internal sealed record PyGlobals(ModuleScope Scope) : PyOpaque
{
    public override string Describe => $"namespace of {Scope.Module}";
}

/// <summary>An open file: its text when the repository holds it (and it is small), else null with why not.</summary>
internal sealed record PyFile(string Path, string? Text, string Why) : PyOpaque
{
    public override string Describe => $"file {Path}";
}

/// <summary>
/// sys.argv (or an item or slice of it) of the process that serves production: a WSGI/ASGI server,
/// not manage.py. Its words are not known, but none is one of manage.py's (runserver, test,
/// migrate...), so <c>"runserver" in sys.argv</c> and <c>sys.argv[1:2] == ["test"]</c> are false there.
/// </summary>
internal sealed record PyArgv(bool Part) : PyOpaque
{
    public override string Describe => Part ? "part of sys.argv" : "sys.argv";
}

/// <summary>A parsed URL (urllib.parse.urlparse / env.url).</summary>
internal sealed record PyUrl(UrlParts Parts) : PyOpaque
{
    public override string Describe => "ParseResult";
}
