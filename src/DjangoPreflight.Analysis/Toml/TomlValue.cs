namespace DjangoPreflight.Analysis.Toml;

/// <summary>A TOML value with the 1-based line it starts on (for a table: its header, or the key that made it).</summary>
public abstract record TomlValue(int Line)
{
    /// <summary>The TOML type's name, for messages such as "expected an array, found a string".</summary>
    public abstract string TypeName { get; }
}

public sealed record TomlString(string Value, int Line) : TomlValue(Line)
{
    public override string TypeName => "string";
}

public enum TomlScalarKind
{
    Boolean,
    Integer,
    Float,
    DateTime,
}

/// <summary>Numbers, booleans and dates, validated (by Tomlyn) but kept as written: nothing we read needs their value.</summary>
public sealed record TomlScalar(string Raw, TomlScalarKind Kind, int Line) : TomlValue(Line)
{
    public override string TypeName => Kind switch
    {
        TomlScalarKind.Boolean => "boolean",
        TomlScalarKind.Integer => "integer",
        TomlScalarKind.Float => "float",
        _ => "date-time",
    };
}

public sealed record TomlArray(List<TomlValue> Items, int Line) : TomlValue(Line)
{
    /// <summary>Built by <c>[[name]]</c> headers: a later <c>[name.sub]</c> header goes into its last table.</summary>
    internal bool OfTables { get; init; }

    public override string TypeName => "array";
}

public sealed record TomlTable(Dictionary<string, TomlValue> Entries, int Line) : TomlValue(Line)
{
    public override string TypeName => "table";

    public TomlValue? this[string key] => Entries.GetValueOrDefault(key);

    /// <summary>The table at a dotted path of keys ("tool", "poetry", "dependencies"), or null.</summary>
    public TomlTable? Table(params string[] path)
    {
        TomlTable? t = this;
        foreach (var key in path) t = t?[key] as TomlTable;
        return t;
    }
}

/// <summary>The text is not valid TOML; <see cref="Line"/> is 1-based.</summary>
public sealed class TomlException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
