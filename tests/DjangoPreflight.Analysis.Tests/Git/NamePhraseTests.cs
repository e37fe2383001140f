using System.Text;
using System.Text.RegularExpressions;
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

    // The names were read by this non-backtracking pattern before NamePhrases read them by hand: the reference.
    private static readonly Regex Reference = new(
        @"(?m)^\s*-?\s*[A-Z0-9_]*(?:DB|DATABASE|DB_NAME|DATABASE_NAME|USER|USERNAME)\s*[:=]\s*['""]?(?<value>[A-Za-z][A-Za-z0-9_-]{2,})['""]?\s*$",
        RegexOptions.NonBacktracking);

    private static HashSet<string> ReferenceNames(string text) =>
        !text.Contains("DB", StringComparison.Ordinal) && !text.Contains("DATABASE", StringComparison.Ordinal) && !text.Contains("USER", StringComparison.Ordinal)
            ? []
            : Reference.Matches(text).Select(m => m.Groups["value"].Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [InlineData("MYSQL_DATABASE: ledger\nMYSQL_USER: 'keeper'\n", "keeper,ledger")]
    [InlineData("  - POSTGRES_DB=shop\r\n  - POSTGRES_USER=\"shopper\"  \r\n", "shop,shopper")]
    [InlineData("DB_NAME = acme\nDATABASE_NAME=books", "acme,books")]
    [InlineData("MY_DB\n=split\n\nOTHER_USER:\n  nextline\n", "nextline,split")]
    [InlineData("\n\n\n  -\n\n  APP_DB: afterdash", "afterdash")]
    [InlineData("POSTGRES_DB: ab\nPOSTGRES_USER: ok-name trailing\nNAME_DB: 9lives\nlower_db: nope", "")]
    [InlineData("X_USER:\n  ADMIN_DB: inner\n", "inner")]
    [InlineData("X_USERS: no\nDBX=no\nUSER=yes_1\n", "yes_1")]
    [InlineData("APP_DB: 'quoted\"\nAPP_USER: \"\"double\n", "quoted")]
    [InlineData("APP_DB: last", "last")]
    public void Reads_the_names_the_pattern_read(string text, string names)
    {
        var expected = names.Length == 0 ? [] : names.Split(',');
        Assert.Equal(expected.Order(StringComparer.Ordinal), ReferenceNames(text).Order(StringComparer.Ordinal));
        Assert.Equal(expected.Order(StringComparer.Ordinal), NamePhrases.NamesIn(text).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reads_the_names_the_pattern_read_on_texts_built_from_its_pieces()
    {
        string[] pieces =
        [
            "POSTGRES_DB", "DB", "DATABASE", "DB_NAME", "_NAME", "USER", "USERNAME", "MYSQL_", "X", "9", "_", "acme", "ab", "a-b_c9",
            "Shop", "9x", "é", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "-", ":", "=", "'", "\"", "#", "ok",
        ];
        var random = new Random(18);
        var differing = new List<string>();
        var named = 0;
        for (var n = 0; n < 20000; n++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(1, 16); k > 0; k--) text.Append(pieces[random.Next(pieces.Length)]);
            var expected = ReferenceNames(text.ToString());
            if (expected.Count > 0) named++;
            if (!NamePhrases.NamesIn(text.ToString()).SetEquals(expected)) differing.Add(text.ToString());
        }
        Assert.Empty(differing);
        Assert.InRange(named, 100, 19900);
    }

    [Theory]
    // Runs of blank lines, dashes and keys with nothing after them: each line starts a match over the
    // runs that follow it. Answered as the pattern does (the time is the benchmark's business).
    [InlineData("\n")]
    [InlineData(" - \n")]
    [InlineData("APP_DB\n")]
    [InlineData("APP_DB:\n")]
    public void Long_hostile_texts_are_read_as_the_pattern_reads_them(string repeated)
    {
        var text = string.Concat(Enumerable.Repeat(repeated, 50000)) + "APP_USER: hostile";
        Assert.Equal(ReferenceNames(text).Order(StringComparer.Ordinal), NamePhrases.NamesIn(text).Order(StringComparer.Ordinal));
    }
}
