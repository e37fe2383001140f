using DjangoPreflight.Analysis.Configuration;

namespace DjangoPreflight.Analysis.Tests.Configuration;

/// <summary>The per-path-ignores patterns: .gitignore-style matching of paths relative to the scanned root.</summary>
public class PathGlobTests
{
    [Theory]
    // A name without '/' matches a file or folder name at any depth, and covers what is below a folder.
    [InlineData("settings.py", "settings.py", true)]
    [InlineData("settings.py", "shop/settings.py", true)]
    [InlineData("settings.py", "shop/settings.pyc", false)]
    [InlineData("migrations", "orders/migrations/0001_initial.py", true)]
    [InlineData("migrations", "orders/migrations.py", false)]
    [InlineData("*.yml", ".github/workflows/ci.yml", true)]
    [InlineData("*.yml", "docker-compose.yaml", false)]
    [InlineData("test_*.py", "orders/tests/test_views.py", true)]
    // A pattern with '/' is anchored at the root; '*' and '?' stay within a segment.
    [InlineData("shop/settings/*.py", "shop/settings/base.py", true)]
    [InlineData("shop/settings/*.py", "other/shop/settings/base.py", false)]
    [InlineData("shop/*.py", "shop/settings/base.py", false)]
    [InlineData("shop/settings", "shop/settings/production.py", true)]
    [InlineData("shop/settings", "shop/settings_old.py", false)]
    [InlineData("shop/settings/", "shop/settings/base.py", true)]
    [InlineData("/manage.py", "manage.py", true)]
    [InlineData("/manage.py", "tools/manage.py", false)]
    [InlineData("./manage.py", "manage.py", true)]
    [InlineData("shop/settings/dev?.py", "shop/settings/dev2.py", true)]
    [InlineData("shop/settings/dev?.py", "shop/settings/dev.py", false)]
    // '**' spans any number of folders, none included.
    [InlineData("**/production.py", "production.py", true)]
    [InlineData("**/production.py", "shop/settings/production.py", true)]
    [InlineData("shop/**/production.py", "shop/production.py", true)]
    [InlineData("shop/**/production.py", "shop/a/b/production.py", true)]
    [InlineData("shop/**/production.py", "other/production.py", false)]
    [InlineData("deploy/**", "deploy/nginx/shop.conf", true)]
    [InlineData("deploy/**", "deployment/x", false)]
    // Character classes, and regex characters taken literally.
    [InlineData("shop/settings/[bd]*.py", "shop/settings/dev.py", true)]
    [InlineData("shop/settings/[bd]*.py", "shop/settings/production.py", false)]
    [InlineData("shop/settings/[!bd]*.py", "shop/settings/production.py", true)]
    [InlineData("shop/[]]x.py", "shop/]x.py", true)]
    [InlineData("requirements(prod).txt", "requirements(prod).txt", true)]
    [InlineData("a+b.py", "aab.py", false)]
    // Case-sensitive, as the paths are on Linux.
    [InlineData("Dockerfile", "dockerfile", false)]
    public void Matches(string pattern, string path, bool expected)
    {
        var glob = PathGlob.TryParse(pattern, out var error);
        Assert.Null(error);
        Assert.Equal(expected, glob!.Matches(path));
    }

    [Theory]
    [InlineData("", "an empty path pattern")]
    [InlineData("/", "an empty path pattern")]
    [InlineData("shop\\settings.py", "use '/' in path patterns, not '\\'")]
    [InlineData("shop/**.py", "'**' must be a whole path segment (as in 'a/**/b')")]
    [InlineData("a**/b", "'**' must be a whole path segment (as in 'a/**/b')")]
    [InlineData("shop/[ab.py", "'[' without a closing ']'")]
    // A '[' that ends the pattern, or opens a set only ']' could close, is said, never an exception.
    [InlineData("[", "'[' without a closing ']'")]
    [InlineData("shop/[", "'[' without a closing ']'")]
    [InlineData("shop/[]", "'[' without a closing ']'")]
    [InlineData("shop/[!", "'[' without a closing ']'")]
    public void Invalid_patterns_say_why(string pattern, string message)
    {
        Assert.Null(PathGlob.TryParse(pattern, out var error));
        Assert.Equal(message, error);
    }
}
