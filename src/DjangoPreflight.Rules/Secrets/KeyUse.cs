using DjangoPreflight.Analysis.Project;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>
/// Whether the project's code keys a cryptographic operation with a setting: a line of Python that
/// names the setting and signs, hashes with a key, encrypts or verifies (<c>hmac.new(settings.X, …)</c>,
/// <c>Fernet(settings.X)</c>, <c>jwt.encode(…, settings.X)</c>). A value found only because its name
/// ends in KEY is a secret when the code uses it so; an identifier that is sent to a vendor
/// (a product-wide registration key) is not, and which one it is cannot be told from the name.
/// </summary>
public static class KeyUse
{
    private static readonly string[] Operations =
        ["hmac", "hashlib", "salted_hmac", "compare_digest", "sign", "Signer", "encrypt", "decrypt", "Fernet", "AES", "cipher", "Cipher", "jwt", "nacl", "crypt"];

    /// <summary>True when a Python line of the project names <paramref name="name"/> as a whole word
    /// beside a cryptographic operation.</summary>
    public static bool KeysCrypto(ProjectFiles files, string name)
    {
        foreach (var path in files.WithExtension(".py"))
        {
            if (files.ReadText(path) is not { } text || !text.Contains(name, StringComparison.Ordinal)) continue;
            foreach (var line in text.Split('\n'))
                if (NamesWord(line, name) && Operations.Any(o => line.Contains(o, StringComparison.Ordinal)) && !line.TrimStart().StartsWith('#'))
                    return true;
        }
        return false;
    }

    private static bool NamesWord(string line, string name)
    {
        for (var at = line.IndexOf(name, StringComparison.Ordinal); at >= 0; at = line.IndexOf(name, at + 1, StringComparison.Ordinal))
            if (Core.WholeWords.StandsAlone(line, at, name.Length)) return true;
        return false;
    }
}
