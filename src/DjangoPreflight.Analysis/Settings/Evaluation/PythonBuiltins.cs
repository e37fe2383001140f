namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Every name Python 3.14's <c>builtins</c> module defines (from <c>dir(builtins)</c>), so that no
/// builtin is ever mistaken for an undefined name, and the exception hierarchy <c>except</c> clauses
/// match against. Library exceptions settings catch (Django's, decouple's, json's) are added to it.
/// </summary>
internal static class PythonBuiltins
{
    /// <summary>Builtin functions and types that are not exceptions.</summary>
    public static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
        "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict",
        "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset",
        "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
        "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next",
        "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
        "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
        "vars", "zip",
    };

    /// <summary>Each exception class and its base class (null for BaseException).</summary>
    public static readonly Dictionary<string, string?> ExceptionBases = new(StringComparer.Ordinal)
    {
        ["ArithmeticError"] = "Exception",
        ["AssertionError"] = "Exception",
        ["AttributeError"] = "Exception",
        ["BaseException"] = null,
        ["BaseExceptionGroup"] = "BaseException",
        ["BlockingIOError"] = "OSError",
        ["BrokenPipeError"] = "ConnectionError",
        ["BufferError"] = "Exception",
        ["BytesWarning"] = "Warning",
        ["ChildProcessError"] = "OSError",
        ["ConnectionAbortedError"] = "ConnectionError",
        ["ConnectionError"] = "OSError",
        ["ConnectionRefusedError"] = "ConnectionError",
        ["ConnectionResetError"] = "ConnectionError",
        ["DeprecationWarning"] = "Warning",
        ["EOFError"] = "Exception",
        ["EncodingWarning"] = "Warning",
        ["Exception"] = "BaseException",
        ["ExceptionGroup"] = "BaseExceptionGroup",
        ["FileExistsError"] = "OSError",
        ["FileNotFoundError"] = "OSError",
        ["FloatingPointError"] = "ArithmeticError",
        ["FutureWarning"] = "Warning",
        ["GeneratorExit"] = "BaseException",
        ["ImportError"] = "Exception",
        ["ImportWarning"] = "Warning",
        ["IndentationError"] = "SyntaxError",
        ["IndexError"] = "LookupError",
        ["InterruptedError"] = "OSError",
        ["IsADirectoryError"] = "OSError",
        ["KeyError"] = "LookupError",
        ["KeyboardInterrupt"] = "BaseException",
        ["LookupError"] = "Exception",
        ["MemoryError"] = "Exception",
        ["ModuleNotFoundError"] = "ImportError",
        ["NameError"] = "Exception",
        ["NotADirectoryError"] = "OSError",
        ["NotImplementedError"] = "RuntimeError",
        ["OSError"] = "Exception",
        ["OverflowError"] = "ArithmeticError",
        ["PendingDeprecationWarning"] = "Warning",
        ["PermissionError"] = "OSError",
        ["ProcessLookupError"] = "OSError",
        ["PythonFinalizationError"] = "RuntimeError",
        ["RecursionError"] = "RuntimeError",
        ["ReferenceError"] = "Exception",
        ["ResourceWarning"] = "Warning",
        ["RuntimeError"] = "Exception",
        ["RuntimeWarning"] = "Warning",
        ["StopAsyncIteration"] = "Exception",
        ["StopIteration"] = "Exception",
        ["SyntaxError"] = "Exception",
        ["SyntaxWarning"] = "Warning",
        ["SystemError"] = "Exception",
        ["SystemExit"] = "BaseException",
        ["TabError"] = "IndentationError",
        ["TimeoutError"] = "OSError",
        ["TypeError"] = "Exception",
        ["UnboundLocalError"] = "NameError",
        ["UnicodeDecodeError"] = "UnicodeError",
        ["UnicodeEncodeError"] = "UnicodeError",
        ["UnicodeError"] = "ValueError",
        ["UnicodeTranslateError"] = "UnicodeError",
        ["UnicodeWarning"] = "Warning",
        ["UserWarning"] = "Warning",
        ["ValueError"] = "Exception",
        ["Warning"] = "Exception",
        ["ZeroDivisionError"] = "ArithmeticError",
        // Library exceptions settings files raise or catch.
        ["ImproperlyConfigured"] = "Exception",
        ["ValidationError"] = "Exception",
        ["UndefinedValueError"] = "Exception",
        ["JSONDecodeError"] = "ValueError",
    };

    /// <summary>Old names that are the very same class (IOError is OSError).</summary>
    public static string Canonical(string exception) => exception is "IOError" or "EnvironmentError" ? "OSError" : exception;

    public static bool IsException(string name) => ExceptionBases.ContainsKey(Canonical(name));
}
