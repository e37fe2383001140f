using System.Text;

namespace DjangoPreflight.Python.Parsing;

/// <summary>
/// Interns identifiers straight from UTF-8 bytes (no substring per occurrence) and classifies
/// keywords in the same lookup. Open addressing, one table per parse.
/// </summary>
internal sealed class NameTable
{
    private static readonly (string Text, TokenKind Kind)[] Keywords =
    [
        ("False", TokenKind.False), ("None", TokenKind.None), ("True", TokenKind.True), ("and", TokenKind.And),
        ("as", TokenKind.As), ("assert", TokenKind.Assert), ("async", TokenKind.Async), ("await", TokenKind.Await),
        ("break", TokenKind.Break), ("class", TokenKind.Class), ("continue", TokenKind.Continue), ("def", TokenKind.Def),
        ("del", TokenKind.Del), ("elif", TokenKind.Elif), ("else", TokenKind.Else), ("except", TokenKind.Except),
        ("finally", TokenKind.Finally), ("for", TokenKind.For), ("from", TokenKind.From), ("global", TokenKind.Global),
        ("if", TokenKind.If), ("import", TokenKind.Import), ("in", TokenKind.In), ("is", TokenKind.Is),
        ("lambda", TokenKind.Lambda), ("nonlocal", TokenKind.Nonlocal), ("not", TokenKind.Not), ("or", TokenKind.Or),
        ("pass", TokenKind.Pass), ("raise", TokenKind.Raise), ("return", TokenKind.Return), ("try", TokenKind.Try),
        ("while", TokenKind.While), ("with", TokenKind.With), ("yield", TokenKind.Yield),
    ];

    private byte[][] keys = new byte[1024][];
    private string[] values = new string[1024];
    private TokenKind[] kinds = new TokenKind[1024];
    private int count;

    private const int MaxSharedNames = 200_000;

    [ThreadStatic]
    private static NameTable? shared;

    /// <summary>
    /// The table for a parse on this thread, reused across parses: identifiers repeat across files,
    /// so later files intern without allocating. Dropped when it grows too large.
    /// </summary>
    public static NameTable ForThread()
    {
        if (shared is null || shared.count > MaxSharedNames) shared = new NameTable();
        return shared;
    }

    public NameTable()
    {
        foreach (var (text, kind) in Keywords) Add(Encoding.ASCII.GetBytes(text), text, kind, Hash(Encoding.ASCII.GetBytes(text)));
        Match = Intern("match");
        Case = Intern("case");
        Type = Intern("type");
        Underscore = Intern("_");
    }

    /// <summary>Interned soft keywords, compared by reference.</summary>
    public string Match { get; }

    public string Case { get; }

    public string Type { get; }

    public string Underscore { get; }

    private static uint Hash(ReadOnlySpan<byte> s)
    {
        uint h = 2166136261;
        foreach (byte b in s) h = (h ^ b) * 16777619;
        return h;
    }

    /// <summary>Returns the interned string and whether it is a keyword (else TokenKind.Name).</summary>
    public string Lookup(ReadOnlySpan<byte> name, out TokenKind kind)
    {
        uint h = Hash(name);
        int mask = keys.Length - 1;
        int i = (int)(h & (uint)mask);
        while (true)
        {
            var k = keys[i];
            if (k is null) break;
            if (name.SequenceEqual(k)) { kind = kinds[i]; return values[i]; }
            i = (i + 1) & mask;
        }
        string s = Encoding.UTF8.GetString(name);
        kind = TokenKind.Name;
        Add(name.ToArray(), s, kind, h);
        return s;
    }

    /// <summary>Interns a name given as a string (NFKC-normalised identifiers).</summary>
    public string Intern(string name) => Lookup(Encoding.UTF8.GetBytes(name), out _);

    private void Add(byte[] key, string value, TokenKind kind, uint h)
    {
        if ((count + 1) * 2 > keys.Length) Grow();
        int mask = keys.Length - 1;
        int i = (int)(h & (uint)mask);
        while (keys[i] is not null) i = (i + 1) & mask;
        keys[i] = key; values[i] = value; kinds[i] = kind; count++;
    }

    private void Grow()
    {
        var oldKeys = keys; var oldValues = values; var oldKinds = kinds;
        keys = new byte[oldKeys.Length * 2][]; values = new string[keys.Length]; kinds = new TokenKind[keys.Length];
        count = 0;
        for (int j = 0; j < oldKeys.Length; j++)
            if (oldKeys[j] is { } k) Add(k, oldValues[j], oldKinds[j], Hash(k));
    }
}
