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

    /// <summary>True when the settings raise on purpose: a <c>raise</c> statement, an <c>assert</c>, or an
    /// environment lookup without a default. Importing then fails by design (fail-closed), unlike a raise
    /// that comes from code the evaluator models imperfectly.</summary>
    public bool Deliberate { get; init; }

    /// <summary>The environment variable whose lookup raised (<c>os.environ["X"]</c>, <c>env("X")</c>, <c>config("X")</c>).</summary>
    public string? Variable { get; init; }

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
