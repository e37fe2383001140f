using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Dependencies;

public sealed class DjangoTargetTests
{
    [Fact]
    public void The_command_line_version_wins()
    {
        using var p = new TempProject().With("requirements.txt", "Django==4.2.11\n");
        var target = p.Context("5.1").Django;
        Assert.Equal((new DjangoVersion(5, 1), "from --django-version 5.1"), (target.Version, target.Reason));
    }

    [Fact]
    public void An_exact_pin_gives_the_version_and_where_it_was_read()
    {
        using var p = new TempProject().With("requirements.txt", "gunicorn\n\nDjango==4.2.11\n");
        var target = p.Context().Django;
        Assert.Equal((new DjangoVersion(4, 2, 11), "from requirements.txt:3 (django==4.2.11)"), (target.Version, target.Reason));
    }

    [Fact]
    public void A_lock_file_beats_the_specifier()
    {
        using var p = new TempProject()
            .With("pyproject.toml", "[project]\ndependencies = [\"django>=4.2\"]\n")
            .With("poetry.lock", "[[package]]\nname = \"django\"\nversion = \"5.0.3\"\n");
        var target = p.Context().Django;
        Assert.Equal((new DjangoVersion(5, 0, 3), "from poetry.lock:2 (locked 5.0.3)"), (target.Version, target.Reason));
    }

    [Fact]
    public void Without_a_pin_the_lowest_allowed_version_is_targeted()
    {
        using var p = new TempProject().With("requirements/base.txt", "django>=4.1,<5.0\n");
        var target = p.Context().Django;
        Assert.Equal((new DjangoVersion(4, 1), "from requirements/base.txt:1 (lowest allowed by django>=4.1,<5.0)"), (target.Version, target.Reason));
    }

    [Fact]
    public void Unversioned_or_absent_django_leaves_the_version_unknown()
    {
        using (var p = new TempProject().With("requirements.txt", "Django\n"))
            Assert.Equal((null, "Django is declared in requirements.txt:1 without a version"), (p.Context().Django.Version, p.Context().Django.Reason));
        using (var q = new TempProject().With("requirements.txt", "flask==3.0\n"))
            Assert.Null(q.Context().Django.Version);
    }

    [Theory]
    [InlineData("5.0rc1", 5, 0, 0)]
    [InlineData("4", 4, 0, 0)]
    [InlineData("4.2.11", 4, 2, 11)]
    public void Versions_with_suffixes_parse_to_their_release(string text, int major, int minor, int patch) =>
        Assert.Equal(new DjangoVersion(major, minor, patch), DjangoTarget.TryParseLeading(text));
}
