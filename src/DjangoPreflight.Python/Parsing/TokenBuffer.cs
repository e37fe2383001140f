namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// One reusable token array per thread: a token array is several times the size of the source,
/// and allocating (and zeroing) a fresh one per file dominated the allocation profile.
/// </summary>
internal static class TokenBuffer
{
    private const int MaxCachedLength = 1 << 21;

    [ThreadStatic]
    private static Token[]? cached;

    public static Token[] Rent(int minimumLength)
    {
        var buffer = cached;
        if (buffer is not null && buffer.Length >= minimumLength)
        {
            cached = null;
            return buffer;
        }
        return new Token[minimumLength];
    }

    public static void Return(Token[] buffer, int used)
    {
        if (buffer.Length == 0 || buffer.Length > MaxCachedLength) return;
        Array.Clear(buffer, 0, Math.Min(used, buffer.Length)); // drop references to identifier strings
        if (cached is null || cached.Length < buffer.Length) cached = buffer;
    }
}
