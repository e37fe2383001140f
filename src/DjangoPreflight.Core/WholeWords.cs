namespace DjangoPreflight.Core;

/// <summary>
/// Whether a name or value found in text stands there as a whole word: no letter, digit or '_' (the
/// characters of a Python identifier, Unicode letters included) touches it on either side. A setting
/// named in code and a secret's value located in a file are both told this way.
/// </summary>
public static class WholeWords
{
    public static bool IsWordCharacter(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>True when <c>text[at..at+length]</c> has no word character right before or after it.</summary>
    public static bool StandsAlone(string text, int at, int length) =>
        (at == 0 || !IsWordCharacter(text[at - 1])) && (at + length >= text.Length || !IsWordCharacter(text[at + length]));
}
