namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>The library modules and builtins the evaluator models, by qualified name.</summary>
internal static class KnownModules
{
    private static readonly HashSet<string> Modelled = new(StringComparer.Ordinal)
    {
        "os", "os.path", "sys", "pathlib", "environ", "environ.environ", "decouple", "dj_database_url", "json",
        "django", "django.core", "django.core.exceptions", "django.utils", "django.utils.translation",
        "distutils", "distutils.util", "pydantic", "pydantic_settings", "urllib", "urllib.parse", "typing",
        "builtins", "contextlib", "importlib",
        "collections", "types", "django.utils.csp", "django.utils.csp.CSP", "split_settings", "split_settings.tools",
        "configurations", "configurations.values",
    };

    // Django 6.0+'s django.utils.csp.CSP, a StrEnum: each member is a str equal to its value.
    private static readonly Dictionary<string, string> CspMembers = new(StringComparer.Ordinal)
    {
        ["HEADER_ENFORCE"] = "Content-Security-Policy",
        ["HEADER_REPORT_ONLY"] = "Content-Security-Policy-Report-Only",
        ["NONE"] = "'none'",
        ["REPORT_SAMPLE"] = "'report-sample'",
        ["SELF"] = "'self'",
        ["STRICT_DYNAMIC"] = "'strict-dynamic'",
        ["UNSAFE_EVAL"] = "'unsafe-eval'",
        ["UNSAFE_HASHES"] = "'unsafe-hashes'",
        ["UNSAFE_INLINE"] = "'unsafe-inline'",
        ["WASM_UNSAFE_EVAL"] = "'wasm-unsafe-eval'",
        ["NONCE"] = "<CSP_NONCE_SENTINEL>",
    };

    public static bool IsModelled(string module) => Modelled.Contains(module);

    public static PyValue? Builtin(string name)
    {
        if (PythonBuiltins.Functions.Contains(name)) return new PyBuiltin(name);
        if (PythonBuiltins.IsException(name)) return new PyExceptionClass(PythonBuiltins.Canonical(name));
        return name switch
        {
            "__debug__" => Py.True,
            "__import__" or "__build_class__" or "Ellipsis" or "NotImplemented" => new PyBuiltin(name),
            "__builtins__" => new PyModuleRef("builtins", true),
            "__doc__" or "__spec__" or "__loader__" => PyNone.Instance,
            _ => null,
        };
    }

    public static PyValue? Attribute(string module, string attr)
    {
        switch (module)
        {
            case "os":
                return attr switch
                {
                    "environ" => new PyModuleRef("os.environ", true),
                    "path" => new PyModuleRef("os.path", true),
                    "sep" => new PyStr("/"),
                    "pathsep" => new PyStr(":"),
                    "linesep" => new PyStr("\n"),
                    "curdir" => new PyStr("."),
                    "pardir" => new PyStr(".."),
                    "name" => new PyStr("posix"),
                    "getenv" or "putenv" or "getcwd" or "cpu_count" or "listdir" or "makedirs" or "getpid" => new PyBuiltin("os." + attr),
                    _ => null,
                };
            case "os.path":
                return attr == "sep" ? new PyStr("/") : new PyBuiltin("os.path." + attr);
            case "sys":
                return attr switch
                {
                    "argv" => new PyArgv(Part: false),
                    "platform" => new PyUnknown("sys.platform of the deployed host"),
                    "version_info" => new PyUnknown("the Python version of the deployed host"),
                    "stdout" or "stderr" => new PyUnknown("a stream"),
                    "modules" => new PyModuleRef("sys.modules", true),
                    _ => new PyUnknown($"sys.{attr}"),
                };
            case "pathlib":
                return attr is "Path" or "PurePath" or "PosixPath" or "PurePosixPath" ? new PyBuiltin("pathlib.Path") : null;
            case "environ" or "environ.environ":
                return attr switch
                {
                    "Env" => new PyBuiltin("environ.Env"),
                    "FileAwareEnv" => new PyBuiltin("environ.FileAwareEnv"),
                    "Path" => new PyBuiltin("environ.Path"),
                    "ImproperlyConfigured" => new PyExceptionClass("ImproperlyConfigured"),
                    "environ" => new PyModuleRef("environ.environ", true),
                    _ => null,
                };
            case "decouple":
                return attr switch
                {
                    "config" => new PyBuiltin("decouple.config"),
                    "UndefinedValueError" => new PyExceptionClass("UndefinedValueError"),
                    "AutoConfig" or "Config" or "RepositoryEnv" or "RepositoryIni" or "RepositoryEmpty" or "RepositorySecret" or "Csv" or "Choices" or "strtobool"
                        => new PyBuiltin("decouple." + attr),
                    _ => null,
                };
            case "dj_database_url":
                return attr is "config" or "parse" ? new PyBuiltin("dj_database_url." + attr)
                    : attr == "DEFAULT_ENV" ? new PyStr("DATABASE_URL") : null;
            case "json":
                return attr is "loads" or "dumps" ? new PyBuiltin("json." + attr) : null;
            case "django.core.exceptions":
                return attr is "ImproperlyConfigured" or "ValidationError" ? new PyExceptionClass(attr) : null;
            case "django.utils.translation":
                return attr.Contains("gettext", StringComparison.Ordinal) || attr == "_" ? new PyBuiltin("translation.gettext") : null;
            case "distutils.util":
                return attr == "strtobool" ? new PyBuiltin("distutils.strtobool") : null;
            case "pydantic" or "pydantic_settings":
                return attr switch
                {
                    "BaseSettings" => new PyBuiltin("pydantic.BaseSettings"),
                    "SettingsConfigDict" or "ConfigDict" => new PyBuiltin("dict"),
                    "Field" => new PyBuiltin("pydantic.Field"),
                    _ => null,
                };
            case "urllib.parse":
                return attr is "urlparse" or "urlsplit" or "unquote" or "unquote_plus" or "quote" ? new PyBuiltin("urllib.parse." + attr) : null;
            case "builtins":
                return Builtin(attr);
            case "contextlib":
                return attr == "suppress" ? new PyBuiltin("contextlib.suppress") : null;
            case "configurations":
                return attr switch
                {
                    "Configuration" => new PyBuiltin("configurations.Configuration"),
                    "values" => new PyModuleRef("configurations.values", true),
                    _ => null,
                };
            case "configurations.values":
                return attr.EndsWith("Value", StringComparison.Ordinal) ? new PyBuiltin("configurations.values." + attr) : null;
            case "split_settings.tools":
                return attr is "include" or "optional" ? new PyBuiltin("split_settings." + attr) : null;
            case "importlib":
                return attr == "import_module" ? new PyBuiltin("importlib.import_module") : null;
            case "typing":
                return new PyModuleRef("typing." + attr, false);
            case "collections":
                return attr == "OrderedDict" ? new PyBuiltin("collections.OrderedDict") : null;
            case "types":
                return attr == "MappingProxyType" ? new PyBuiltin("types.MappingProxyType") : null;
            case "django.utils.csp":
                return attr == "CSP" ? new PyModuleRef("django.utils.csp.CSP", true) : null;
            case "django.utils.csp.CSP":
                return CspMembers.TryGetValue(attr, out var member) ? new PyStr(member) : null;
        }
        return null;
    }
}
