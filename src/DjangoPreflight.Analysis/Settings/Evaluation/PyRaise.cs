namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>A Python exception raised by the evaluated code (or by a modelled library). Caught by
/// try/except in the settings; at module level it means importing the settings would fail.</summary>
internal sealed class PyRaise : Exception
{
    public PyRaise(string type, string message, string? where = null) : base(message)
    {
        Type = type;
        Where = where;
    }

    public string Type { get; }

    /// <summary>file:line of the raise, when known.</summary>
    public string? Where { get; set; }

    private static readonly Dictionary<string, string> Parents = new(StringComparer.Ordinal)
    {
        ["ModuleNotFoundError"] = "ImportError",
        ["ImportError"] = "Exception",
        ["KeyError"] = "LookupError",
        ["IndexError"] = "LookupError",
        ["LookupError"] = "Exception",
        ["ValueError"] = "Exception",
        ["UnicodeDecodeError"] = "ValueError",
        ["JSONDecodeError"] = "ValueError",
        ["TypeError"] = "Exception",
        ["NameError"] = "Exception",
        ["AttributeError"] = "Exception",
        ["ZeroDivisionError"] = "ArithmeticError",
        ["ArithmeticError"] = "Exception",
        ["ImproperlyConfigured"] = "Exception",
        ["UndefinedValueError"] = "Exception",
        ["ValidationError"] = "ValueError",
        ["OSError"] = "Exception",
        ["FileNotFoundError"] = "OSError",
        ["IOError"] = "Exception",
        ["AssertionError"] = "Exception",
        ["RuntimeError"] = "Exception",
        ["Exception"] = "BaseException",
    };

    /// <summary>True if an <c>except <paramref name="handler"/></c> clause catches this.</summary>
    public bool IsA(string handler)
    {
        if (handler == "BaseException") return true;
        if (handler is "OSError" or "IOError" or "EnvironmentError" && Type is "OSError" or "IOError" or "FileNotFoundError") return true;
        for (var t = Type; t is not null; t = Parents.GetValueOrDefault(t))
            if (t == handler) return true;
        // Unknown exception types are taken to derive from Exception, as nearly all do.
        return handler == "Exception" && !Parents.ContainsKey(Type);
    }

    public override string ToString() => $"{Type}: {Message}";
}
