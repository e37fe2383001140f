using System.Collections.Immutable;
using System.Numerics;

namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// A value the settings evaluator computed: a known Python value, or <see cref="PyUnknown"/> with
/// the reason it could not be known. Containers may hold unknown elements. Rules must never treat
/// an unknown as false: the accessors return null for "cannot tell".
/// </summary>
public abstract record PyValue
{
    public bool IsKnown => this is not PyUnknown;

    /// <summary>How deeply containers nest in this value (0 for a scalar), computed when a container
    /// is made: every reader of a value recurses on it, so the evaluator refuses values nested
    /// deeper than <see cref="Evaluation.Py.MaxDepth"/>.</summary>
    public virtual int Depth => 0;

    /// <summary>Python truthiness, or null when it cannot be told.</summary>
    public abstract bool? Truthy { get; }

    /// <summary>The string if this is a known str, else null.</summary>
    public string? AsString => this is PyStr s ? s.Value : null;

    /// <summary>The elements if this is a known list, tuple or set, else null.</summary>
    public ImmutableArray<PyValue>? AsSequence => this switch
    {
        PyList l => l.Items,
        PyTuple t => t.Items,
        PySet s => s.Items,
        _ => null,
    };

    /// <summary>Every element as a string, or null if this is not a sequence of known strings.</summary>
    public IReadOnlyList<string>? AsStrings =>
        AsSequence is { } items && items.All(i => i is PyStr) ? items.Select(i => ((PyStr)i).Value).ToList() : null;
}

public sealed record PyStr(string Value) : PyValue
{
    public override bool? Truthy => Value.Length > 0;
}

public sealed record PyBytes(ImmutableArray<byte> Value) : PyValue
{
    public override bool? Truthy => Value.Length > 0;
}

public sealed record PyInt(BigInteger Value) : PyValue
{
    public override bool? Truthy => !Value.IsZero;
}

public sealed record PyFloat(double Value) : PyValue
{
    public override bool? Truthy => Value != 0;
}

/// <summary>True/False. Kept apart from <see cref="PyInt"/> because Django's checks use <c>is True</c>.</summary>
public sealed record PyBool(bool Value) : PyValue
{
    public override bool? Truthy => Value;
}

public sealed record PyNone : PyValue
{
    public static readonly PyNone Instance = new();

    public override bool? Truthy => false;
}

public sealed record PyList(ImmutableArray<PyValue> Items) : PyValue
{
    public override int Depth { get; } = 1 + Evaluation.Py.MaxDepthOf(Items);

    public override bool? Truthy => PyUnknownItems.Truth(Items);

    public bool Equals(PyList? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

public sealed record PyTuple(ImmutableArray<PyValue> Items) : PyValue
{
    public override int Depth { get; } = 1 + Evaluation.Py.MaxDepthOf(Items);

    public override bool? Truthy => PyUnknownItems.Truth(Items);

    public bool Equals(PyTuple? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

public sealed record PySet(ImmutableArray<PyValue> Items) : PyValue
{
    public override int Depth { get; } = 1 + Evaluation.Py.MaxDepthOf(Items);

    public override bool? Truthy => Items.Length > 0;

    public bool Equals(PySet? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Length;
}

/// <summary>A dict in insertion order. Keys are usually strings. <see cref="TypeName"/> tells a plain
/// dict from the mappings built from one (collections.OrderedDict, a dict subclass, and
/// types.MappingProxyType, a read-only view that is not a dict: Django's <c>isinstance(value, dict)</c>
/// checks tell them apart).</summary>
public sealed record PyDict(ImmutableArray<KeyValuePair<PyValue, PyValue>> Entries) : PyValue
{
    public override int Depth { get; } = 1 + Evaluation.Py.MaxDepthOf(Entries);

    public const string MappingProxy = "mappingproxy";

    public override bool? Truthy => Entries.Length > 0;

    /// <summary>Python's type name: "dict", "OrderedDict" or "mappingproxy".</summary>
    public string TypeName { get; init; } = "dict";

    /// <summary>Python's <c>isinstance(value, dict)</c>.</summary>
    public bool IsDictInstance => TypeName != MappingProxy;

    /// <summary>The value under a string key; null when absent; <see cref="PyUnknown"/> if an unknown key might match.</summary>
    public PyValue? Get(string key)
    {
        PyValue? found = null;
        foreach (var (k, v) in Entries)
        {
            if (k is PyStr s && s.Value == key) found = v;
            else if (k is PyUnknown) found = new PyUnknown("dict has an unknown key");
        }
        return found;
    }

    public bool Equals(PyDict? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Length;
}

/// <summary>A pathlib.Path or an os.path result; <see cref="Value"/> is the path text with '/'.</summary>
public sealed record PyPath(string Value) : PyValue
{
    public override bool? Truthy => true;
}

/// <summary>A string made at start-up by a cryptographic generator with at least 128 bits of entropy
/// (<c>get_random_secret_key()</c>, <c>secrets.token_urlsafe()</c>, ...): its text is unknown, its
/// strength is not. Safe by construction as a key, though it changes on every start.</summary>
/// <param name="Source">The call that makes it, e.g. <c>secrets.token_urlsafe()</c>.</param>
public sealed record PyRandomSecret(string Source) : PyValue
{
    public override bool? Truthy => true;

    public string Describe => $"a random value {Source} generates on every start";
}

/// <summary>A value the evaluator could not compute, with why. Never a guess.</summary>
public record PyUnknown(string Reason) : PyValue
{
    /// <summary>Reasons nest (a condition on a call on an unknown...): past this many characters the rest is cut.</summary>
    public const int MaxReasonLength = 400;

    public string Reason { get; init; } = Reason.Length > MaxReasonLength ? Reason[..(MaxReasonLength - 1)] + "…" : Reason;

    public override bool? Truthy => null;
}

/// <summary>
/// A value a local file the repository does not hold may change: a git-ignored local_settings.py
/// (or a file outside the repository) that the settings import or exec inside a try that tolerates
/// its absence. Unknown, because that file is the operator's own configuration, like the environment;
/// but without it the value is <paramref name="Repository"/>, what the project itself sets. Rules judge
/// the project by that value: a safe one is no finding; an unsafe one is what runs wherever <paramref name="File"/>
/// is missing or leaves the name alone, which the fail-open rules report (DEBUG, SECRET_KEY), and otherwise
/// cannot be decided (the file may fix it).
/// </summary>
public sealed record PyOverridable(string Reason, PyValue Repository, LocalFile File) : PyUnknown(Reason)
{
    /// <summary>The value without the local file: <paramref name="value"/> itself unless it is a <see cref="PyOverridable"/>.</summary>
    public static PyValue Fallback(PyValue value) => value is PyOverridable o ? o.Repository : value;
}

/// <summary>
/// Inside a list or tuple: any number of items, none or more, that the evaluator could not know
/// (<c>[*unknown, "a"]</c>, <c>x + unknown</c>, an append in a branch or loop it could not decide). The
/// items around it are certainly there, in that order: <c>"a" in value</c> is true, while the absence of
/// any item cannot be told. It is a <see cref="PyUnknown"/>, so code that meets it as an element treats
/// it as unknown.
/// </summary>
/// <summary>An object the settings bind that is no plain value (a function, a class, a module): its value is
/// unknown, but it is certainly set to something, never None.</summary>
public sealed record PyObjectValue(string Reason) : PyUnknown(Reason);

public sealed record PyUnknownItems(string Reason) : PyUnknown(Reason)
{
    /// <summary>Truthiness of a sequence's items: true when one is certainly there, null when only unknown items may be.</summary>
    public static bool? Truth(ImmutableArray<PyValue> items) =>
        items.Any(i => i is not PyUnknownItems) ? true : items.IsEmpty ? false : null;
}
