namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>The library calls that make a key from a cryptographic generator. A call with at least
/// <see cref="MinBits"/> bits of entropy is a <see cref="PyRandomSecret"/>: safe by construction.</summary>
internal static class RandomSecrets
{
    public const int MinBits = 128;

    /// <summary>get_random_string()'s default alphabet: a-z, A-Z, 0-9.</summary>
    private const int DefaultAlphabet = 62;

    /// <summary>The random secret <paramref name="function"/> returns for these arguments, or null when it
    /// is not such a call, its size is unknown, or it makes too few bits to count as a key.</summary>
    public static PyValue? Of(string function, CallArgs args)
    {
        var bits = function switch
        {
            // 50 characters from a 50-character alphabet.
            "django.core.management.utils.get_random_secret_key" => 50 * Math.Log2(50),
            "django.utils.crypto.get_random_string" =>
                Length(args.Get(0, "length")) is { } n && Alphabet(args.Get(1, "allowed_chars")) is { } a ? n * Math.Log2(a) : (double?)null,
            // nbytes defaults to 32 (secrets.DEFAULT_ENTROPY).
            "secrets.token_urlsafe" or "secrets.token_hex" or "secrets.token_bytes" =>
                args.Get(0, "nbytes") is null or PyNone ? 8 * 32 : Length(args.Get(0, "nbytes")) * 8,
            _ => null,
        };
        return bits >= MinBits ? new PyRandomSecret($"{function[(function.LastIndexOf('.') + 1)..]}()") : null;
    }

    private static int? Length(PyValue? value) => value is PyInt i && i.Value > 0 && i.Value < 100_000 ? (int)i.Value : null;

    /// <summary>How many distinct characters the alphabet has; the default when none is given.</summary>
    private static int? Alphabet(PyValue? chars) => chars switch
    {
        null => DefaultAlphabet,
        PyStr s => s.Value.EnumerateRunes().Distinct().Count(),
        _ => null,
    };
}
