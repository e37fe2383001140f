namespace DjangoPreflight.Analysis.Tests.Code;

/// <summary>A file that only a Python newer than 3.14 accepts is never reported as a parse error of the project.</summary>
public class NewerPythonSyntaxTests
{
    private static (IReadOnlyList<string> ParseErrors, IReadOnlyList<string> Notices) Parse(params (string, string)[] files)
    {
        using var p = new TempProject(files);
        var ctx = p.Context();
        foreach (var (path, _) in files.Where(f => f.Item1.EndsWith(".py", StringComparison.Ordinal))) ctx.Python.Get(path);
        return (ctx.Diagnostics.ParseErrors.Select(e => $"{e.Path}:{e.Line}").ToList(), ctx.Diagnostics.Notices.ToList());
    }

    [Fact]
    public void A_lazy_import_is_newer_syntax_not_an_error()
    {
        var (errors, notices) = Parse(("app/__init__.py", ""), ("app/util.py", "import os\nlazy import json\n"));
        Assert.Empty(errors);
        Assert.Contains(notices, n => n.StartsWith("app/util.py:2: not read from here on: a lazy import (PEP 810, Python 3.15)", StringComparison.Ordinal));
    }

    [Fact]
    public void Unpacking_in_a_comprehension_is_newer_syntax()
    {
        var (errors, notices) = Parse(("app/util.py", "rows = [[1], [2]]\nflat = [*row for row in rows]\n"));
        Assert.Empty(errors);
        Assert.Contains(notices, n => n.Contains("PEP 798", StringComparison.Ordinal));
    }

    [Fact]
    public void A_project_that_targets_a_newer_python_gets_notices_for_what_the_parser_rejects()
    {
        var (errors, notices) = Parse((".python-version", "3.16.0\n"), ("app/util.py", "x = 1 +\n"));
        Assert.Empty(errors);
        Assert.Contains(notices, n => n.Contains("the project targets Python 3.16", StringComparison.Ordinal));
    }

    [Fact]
    public void A_real_syntax_error_is_still_a_parse_error()
    {
        var (errors, _) = Parse(("pyproject.toml", "[project]\nrequires-python = \">=3.12\"\n"), ("app/util.py", "x = 1 +\n"));
        Assert.Equal(["app/util.py:1"], errors);
    }
}
