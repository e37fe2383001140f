using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>The one idea of a whole word that locating a secret's value and finding a setting named in code share.</summary>
public class WholeWordsTests
{
    [Theory]
    [InlineData("KEY = settings.SIGNING_KEY\n", "SIGNING_KEY", true)]
    [InlineData("hmac.new(settings.SIGNING_KEY_OLD)", "SIGNING_KEY", false)]
    [InlineData("MY_SIGNING_KEY", "SIGNING_KEY", false)]
    [InlineData("SIGNING_KEY", "SIGNING_KEY", true)]
    // A Python identifier may hold non-ASCII letters: the name does not stand alone inside one.
    [InlineData("clé_SIGNING_KEY = 1", "SIGNING_KEY", false)]
    [InlineData("SIGNING_KEYé = 1", "SIGNING_KEY", false)]
    [InlineData("password: 'nitrate'", "nitrate", true)]
    [InlineData("Nitrate's docs, nitrates", "nitrate", false)]
    public void A_name_or_value_stands_alone_only_without_word_characters_beside_it(string text, string word, bool alone)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        var found = false;
        for (; at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
            found |= WholeWords.StandsAlone(text, at, word.Length);
        Assert.Equal(alone, found);
    }
}
