using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>A compose file's example database password made of the name it gives the database and
/// a few words in leetspeak is a default the project publishes, not a leaked secret; a drawn password
/// beside the same name, or a phrase on a name the file never gives, is still a secret.</summary>
public class NamePhraseTests
{
    private static string Compose(string rootPassword) => $"""
        services:
          db:
            image: mariadb:11
            environment:
              MYSQL_ROOT_PASSWORD: {rootPassword}
              MYSQL_DATABASE: ledger
              MYSQL_USER: ledger
        """;

    [Theory]
    [InlineData("ledger-1s-gr3at")]
    [InlineData("ledger_r0cks")]
    [InlineData("L3dg3r-ledger-is-fun")]
    [InlineData("ledger-quick-pizza")]
    public void A_phrase_on_the_database_name_is_published(string password)
    {
        var match = Assert.Single(SecretScanner.Scan("docker-compose.yml", Compose(password)));
        Assert.Equal("a phrase on the name the file gives its database or user", match.Published);
    }

    [Theory]
    [InlineData("ledger-Xk9vQz2Lp")] // a drawn part: no word
    [InlineData("ledger-20240611")] // a number
    [InlineData("acme-1s-gr3at")] // the name is not the file's
    [InlineData("9fQ2xL7zzW")]
    // Drawn lower-case letters beside the name: no word, however short its parts.
    [InlineData("ledger-qzvkwhtrbe")]
    [InlineData("ledger-kqmzvtwpha")]
    [InlineData("ledger-xkqj-vwpa")]
    public void Other_passwords_stay_secrets(string password)
    {
        var match = Assert.Single(SecretScanner.Scan("docker-compose.yml", Compose(password)));
        Assert.Null(match.Published);
    }
}
