using System.Collections.Immutable;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Reusable list builders for the parser, one pool per thread and element type. Every call, def,
/// block and display used to allocate fresh builders (an object and an 8-slot array each, twice for
/// a call's positional and keyword arguments) only to copy them into the node's array: on a large
/// tree that garbage was a good part of the parse. A builder is rented, filled, and given back by
/// <see cref="Finish"/>, which returns the exact-size array the node keeps.
/// </summary>
internal static class Scratch<T>
{
    /// <summary>A builder grown beyond this (a huge module body) is left to the collector rather than kept.</summary>
    private const int MaxPooledCapacity = 4096;

    [ThreadStatic]
    private static Stack<ImmutableArray<T>.Builder>? free;

    public static ImmutableArray<T>.Builder Rent()
    {
        var pool = free;
        return pool is { Count: > 0 } ? pool.Pop() : ImmutableArray.CreateBuilder<T>();
    }

    /// <summary>The builder's items as an array; the builder goes back to the pool and must not be
    /// used again. (A builder abandoned by a syntax error is simply collected.)</summary>
    public static ImmutableArray<T> Finish(ImmutableArray<T>.Builder builder)
    {
        var items = builder.ToImmutable();
        if (builder.Capacity <= MaxPooledCapacity)
        {
            builder.Clear(); // also drops the references to the nodes
            (free ??= new Stack<ImmutableArray<T>.Builder>()).Push(builder);
        }
        return items;
    }
}
