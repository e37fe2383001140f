using DjangoPreflight.Analysis.Git;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>A README's example run against the writer's own machine (a private or loopback address in
/// the same code block) shows that machine's credentials: an example, even drawn at random. The same
/// value in a block that names no such address may be a real one pasted in: still in doubt.</summary>
public class LocalExampleTests
{
    private const string Secret = "q8Vd2LmPw7Rt+XkzA0bNcE4uH9sYgJf1oTiW6yQe";

    private static string Readme(string host) => $"""
        # Running the image

        ```bash
        HOSTIP={host}
        docker run --rm -it \
            -e S3_ENDPOINT_URL=http://${"{"}HOSTIP{"}"}:19000 \
            -e S3_SECRET_ACCESS_KEY={Secret} \
            shop:latest
        ```

        Then open the site.
        """;

    [Theory]
    [InlineData("192.168.1.20")]
    [InlineData("10.0.4.7")]
    [InlineData("127.0.0.1")]
    public void A_credential_in_a_block_that_runs_against_a_private_address_is_an_example(string host)
    {
        var match = Assert.Single(SecretScanner.Scan("deploy/README.md", Readme(host)));
        Assert.Null(match.Doubt);
        Assert.Equal(SecretContext.Documentation, match.Context);
    }

    [Fact]
    public void The_same_credential_beside_a_public_address_stays_in_doubt()
    {
        var match = Assert.Single(SecretScanner.Scan("deploy/README.md", Readme("203.0.113.9")));
        Assert.Equal(SecretContext.Documentation, match.Doubt);
    }
}
