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

    /// <summary>True if an <c>except <paramref name="handler"/></c> clause catches this.</summary>
    public bool IsA(string handler)
    {
        handler = PythonBuiltins.Canonical(handler);
        for (var t = PythonBuiltins.Canonical(Type); t is not null; t = PythonBuiltins.ExceptionBases.GetValueOrDefault(t))
            if (t == handler) return true;
        // Unknown exception types (a library's own) are taken to derive from Exception, as nearly all do.
        return handler is "Exception" or "BaseException" && !PythonBuiltins.IsException(Type);
    }

    public override string ToString() => $"{Type}: {Message}";
}
