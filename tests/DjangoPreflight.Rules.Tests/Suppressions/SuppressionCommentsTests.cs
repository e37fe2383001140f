using System.Text;
using DjangoPreflight.Rules.Suppressions;

namespace DjangoPreflight.Rules.Tests.Suppressions;

/// <summary>Which comments count as directives in each file format, and how a directive reads.</summary>
public sealed class SuppressionCommentsTests
{
    private static IReadOnlyList<string> Directives(string path, string text) =>
        SuppressionComments.Read(path, Encoding.UTF8.GetBytes(text))
            .Select(d => d.Error is not null ? $"{d.Line}: error {d.Error}" : $"{d.Line}: {(d.IsBare ? "*" : string.Join(",", d.RuleIds))}").ToList();

    [Theory]
    [InlineData("# preflight: ignore", "1: *")]
    [InlineData("# preflight: ignore[DP201]", "1: DP201")]
    [InlineData("# Preflight: Ignore[dp305, DP201 ,DP201]", "1: DP201,DP305")]
    [InlineData("#preflight:ignore[DP201] -- the staging box needs it", "1: DP201")]
    [InlineData("# noqa: F401  # preflight: ignore[DP201]", "1: DP201")]
    [InlineData("# preflight: ignore[DP201", "1: error no closing ']'")]
    [InlineData("# preflight: ignore[DP201,]", "1: error an empty rule ID")]
    [InlineData("# preflight: ignore[debug]", "1: error 'DEBUG' is not a rule ID")]
    public void DirectivesAreReadFromPythonComments(string comment, string expected) =>
        Assert.Equal([expected], Directives("settings.py", "DEBUG = True  " + comment + "\n"));

    [Theory]
    [InlineData("# preflight: ignored")]
    [InlineData("# preflight ignore[DP201]")]
    [InlineData("# noqa")]
    [InlineData("# pylint: disable=all  preflight: ignore")]
    public void NearMissesAreNotDirectives(string comment) => Assert.Empty(Directives("settings.py", "DEBUG = True  " + comment + "\n"));

    [Fact]
    public void PythonDirectivesInStringsDoNotCount()
    {
        const string Source = "A = '# preflight: ignore'\nB = \"\"\"\n# preflight: ignore[DP201]\n\"\"\"\nC = f\"{1} # preflight: ignore\"  # preflight: ignore[DP101]\n";
        Assert.Equal(["5: DP101"], Directives("shop/settings.py", Source));
    }

    [Theory]
    // YAML: after blank space, outside quotes; an apostrophe inside a word opens no string.
    [InlineData("compose.yml", "a: 1  # preflight: ignore\nb: \"x # preflight: ignore\"\nc: it's  # preflight: ignore[DP808]\nd: http://x/#preflight: ignore\n", "1: *|3: DP808")]
    [InlineData("deploy/ci.yaml", "  - run: echo 'a # preflight: ignore'\n  # preflight: ignore[DP610]\n", "2: DP610")]
    // nginx: quoted arguments are not comments.
    [InlineData("deploy/nginx/site.conf", "server_tokens on; # preflight: ignore[DP806]\nadd_header X-A \"a # preflight: ignore\";\n", "1: DP806")]
    // dotenv and TOML: quotes as in YAML.
    [InlineData(".env.production", "DEBUG=1 # preflight: ignore\nPASSWORD='x # preflight: ignore'\n", "1: *")]
    [InlineData("pyproject.toml", "django = \"^3.2\"  # preflight: ignore[DP211]\nx = \"# preflight: ignore\"\n", "1: DP211")]
    // requirements: pip has no quoting; '#' must follow blank space (a URL fragment is no comment).
    [InlineData("requirements/prod.txt", "django==3.2.19  # preflight: ignore[DP211]\nfoo @ https://x/foo.zip#preflight: ignore\n", "1: DP211")]
    [InlineData("requirements-dev.in", "django  # preflight: ignore\n", "1: *")]
    [InlineData("docs/notes.txt", "django==3.2  # preflight: ignore\n", "")]
    // Dockerfile: whole-line comments only, attributed to the next instruction.
    [InlineData("Dockerfile", "FROM python:3.11\n# preflight: ignore[DP801]\n# another comment\n\nCMD python manage.py runserver\nRUN x # preflight: ignore\n", "5: DP801")]
    [InlineData("docker/Dockerfile.prod", "  # preflight: ignore\nCMD [\"gunicorn\"]\n", "2: *")]
    // Formats without '#' comments, and text files that are not requirements, carry no directive.
    [InlineData("README.md", "# preflight: ignore\n", "")]
    [InlineData("templates/base.html", "<a href=\"#\"> # preflight: ignore</a>\n", "")]
    public void EachFormatHasItsOwnCommentRule(string path, string text, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split('|'), Directives(path, text));
}
