using DjangoPreflight.Analysis.Project;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Code;

/// <summary>Class ancestries followed through a project's modules, and kept once read.</summary>
public class ClassLineageTests
{
    [Fact]
    public void A_lineage_is_read_once_and_the_same_answer_is_given_to_every_later_question()
    {
        using var dir = new TempDirectory();
        foreach (var (path, text) in new[]
        {
            ("manage.py", "import os\nos.environ.setdefault(\"DJANGO_SETTINGS_MODULE\", \"proj.settings\")\n"),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "MIDDLEWARE = ['proj.middleware.StrictCsrf']\n"),
            ("proj/middleware/__init__.py", "from .csrf import StrictCsrf\n"),
            ("proj/middleware/csrf.py", "from django.middleware.csrf import CsrfViewMiddleware as Base\n\nclass Checked(Base):\n    pass\n\nclass StrictCsrf(Checked):\n    pass\n"),
        })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir.Path, path))!);
            File.WriteAllText(Path.Combine(dir.Path, path), text);
        }
        var classes = new ProjectContext(dir.Path, new ScanOptions { NoHistory = true }).Code.Classes;

        var first = classes.Ancestors("proj.middleware.StrictCsrf");
        Assert.Equal(["proj.middleware.csrf.Checked", "proj.middleware.csrf.StrictCsrf"], first.Project.Order(StringComparer.Ordinal));
        Assert.Equal(["django.middleware.csrf.CsrfViewMiddleware"], first.Outside);
        // Asked again (as each check asks about each MIDDLEWARE entry): the lineage kept, not walked again.
        Assert.Same(first.Project, classes.Ancestors("proj.middleware.StrictCsrf").Project);
        Assert.True(classes.Derives("proj.middleware.StrictCsrf", "django.middleware.csrf.CsrfViewMiddleware"));
        Assert.False(classes.Derives("proj.middleware.StrictCsrf", "django.middleware.security.SecurityMiddleware"));
        // A name that is no project class has no lineage, and asking again still says so.
        Assert.Empty(classes.Ancestors("proj.middleware.Missing").Project);
        Assert.Empty(classes.Ancestors("proj.middleware.Missing").Project);
    }
}
