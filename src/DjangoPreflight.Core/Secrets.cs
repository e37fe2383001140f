namespace DjangoPreflight.Core;

/// <summary>The one place a secret is turned into text: never whole, at most a short prefix and its length.</summary>
public static class Secrets
{
    public const int PrefixLength = 4;

    public static string Redact(string secret)
    {
        var shown = secret.Length <= PrefixLength * 2 ? Math.Min(2, secret.Length / 4) : PrefixLength;
        return $"{secret[..shown]}… ({secret.Length} chars)";
    }
}
