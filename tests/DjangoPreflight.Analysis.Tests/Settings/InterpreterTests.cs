using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

public class InterpreterTests
{
    private static PyValue Value(string source, string name, params (string, string)[] env) =>
        TempProject.Settings(source, env).Model[name]!.Value;

    private static string? Repr(string source, string name, params (string, string)[] env) =>
        SettingsOutput.Display("X", Value(source, name, env));

    [Theory]
    [InlineData("A = 1 + 2 * 3", "7")]
    [InlineData("A = 'a' + 'b' * 2", "'abb'")]
    [InlineData("A = [1, 2] + [3]", "[1, 2, 3]")]
    [InlineData("A = 7 // 2, 7 % 3, -7 // 2, 2 ** 10", "(3, 1, -4, 1024)")]
    [InlineData("A = 1 / 4", "0.25")]
    [InlineData("A = 'x=%s y=%d' % ('a', 3)", "'x=a y=3'")]
    [InlineData("A = '{}-{name}'.format(1, name='n')", "'1-n'")]
    [InlineData("B = 'h'\nA = f'{B}:{1 + 1}!'", "'h:2!'")]
    [InlineData("A = ' a, b ,,c '.split(',')", "[' a', ' b ', '', 'c ']")]
    [InlineData("A = [h.strip() for h in ' a, b ,,c '.split(',') if h.strip()]", "['a', 'b', 'c']")]
    [InlineData("A = ','.join(['x', 'y'])", "'x,y'")]
    [InlineData("A = 'Abc'.lower().startswith('ab')", "True")]
    [InlineData("A = 1 if '' else 2", "2")]
    [InlineData("A = 0 or 'x'", "'x'")]
    [InlineData("A = not []", "True")]
    [InlineData("A = 'b' in ('a', 'b')", "True")]
    [InlineData("A = {k: v for k, v in [('a', 1), ('b', 2)]}", "{'a': 1, 'b': 2}")]
    [InlineData("A = dict(a=1, **{'b': 2})", "{'a': 1, 'b': 2}")]
    [InlineData("A = sorted({3, 1, 2})", "[1, 2, 3]")]
    [InlineData("A = int('42') + int(True)", "43")]
    [InlineData("A = bool('0')", "True")]
    [InlineData("A = tuple(x * 2 for x in range(3))", "(0, 2, 4)")]
    [InlineData("def f(a, b=2, *rest, k=3, **kw):\n    return [a, b, rest, k, kw]\nA = f(1, 5, 6, k=4, z=0)", "[1, 5, (6,), 4, {'z': 0}]")]
    [InlineData("def f(n):\n    if n <= 1:\n        return 1\n    return n * f(n - 1)\nA = f(5)", "120")]
    [InlineData("A = []\nA.append(1)\nA.extend([2, 3])\nA.insert(0, 0)\nA.remove(2)", "[0, 1, 3]")]
    [InlineData("A = {'x': {'y': 1}}\nA['x']['y'] = 2\nA['z'] = 3\nA.update(w=4)", "{'x': {'y': 2}, 'z': 3, 'w': 4}")]
    [InlineData("A = [1]\nA += (2,)", "[1, 2]")]
    [InlineData("A, (B, *C) = 1, (2, 3, 4)\nA = [A, B, C]", "[1, 2, [3, 4]]")]
    [InlineData("A = 0\nfor i in range(4):\n    if i == 2:\n        continue\n    A += i", "4")]
    // Django 6.0+'s CSP constants are str members of a StrEnum; OrderedDict is a dict, a mappingproxy is not.
    [InlineData("from django.utils.csp import CSP\nA = {'script-src': [CSP.SELF, CSP.NONCE], 'img-src': f'{CSP.NONE}'}",
        "{'script-src': [\"'self'\", '<CSP_NONCE_SENTINEL>'], 'img-src': \"'none'\"}")]
    [InlineData("from collections import OrderedDict\nA = OrderedDict([('a', 1)], b=2)", "OrderedDict({'a': 1, 'b': 2})")]
    [InlineData("import types\nA = types.MappingProxyType({'a': 1})", "mappingproxy({'a': 1})")]
    [InlineData("from collections import OrderedDict\nfrom types import MappingProxyType as P\nA = [isinstance(OrderedDict(), dict), isinstance(P({}), dict), isinstance({}, dict)]", "[True, False, True]")]
    public void Evaluates_python_the_way_cpython_does(string source, string expected) =>
        Assert.Equal(expected, Repr(source, "A"));

    [Fact]
    public void Paths_follow_pathlib_and_os_path()
    {
        var (model, ctx) = TempProject.Settings("""
            import os
            from pathlib import Path
            BASE_DIR = Path(__file__).resolve().parent.parent
            STATIC_ROOT = BASE_DIR / "static"
            MEDIA_ROOT = os.path.join(BASE_DIR, "media")
            OTHER = os.path.dirname(os.path.abspath(__file__))
            """);
        var root = ctx.Root.Replace('\\', '/');
        Assert.Equal(new PyPath(root + "/static"), model["STATIC_ROOT"]!.Value);
        Assert.Equal(new PyStr(root + "/media"), model["MEDIA_ROOT"]!.Value);
        Assert.Equal(new PyStr(root + "/proj"), model["OTHER"]!.Value);
    }

    [Fact]
    public void Unknown_condition_joins_branches_and_keeps_agreeing_names()
    {
        var (model, _) = TempProject.Settings("""
            import socket
            if socket.gethostname() == "prod":
                DEBUG = False
                SAME = 1
            else:
                DEBUG = True
                SAME = 1
            """);
        Assert.Equal(new PyInt(1), model["SAME"]!.Value);
        var debug = Assert.IsType<PyUnknown>(model["DEBUG"]!.Value);
        Assert.Contains("socket.gethostname() == \"prod\"", debug.Reason);
    }

    [Fact]
    public void Unknown_function_call_names_the_function()
    {
        var (model, _) = TempProject.Settings("from myorg.config import load_caches\nCACHES = load_caches()\n");
        var u = Assert.IsType<PyUnknown>(model["CACHES"]!.Value);
        Assert.Equal("call to myorg.config.load_caches() is not evaluated", u.Reason);
    }

    [Fact]
    public void Source_location_is_the_last_assignment_or_mutation()
    {
        var (model, _) = TempProject.Settings("MIDDLEWARE = ['a']\nX = 1\nMIDDLEWARE.append('b')\n");
        Assert.Equal(3, model["MIDDLEWARE"]!.Source!.Line);
        Assert.Equal(1, model["MIDDLEWARE"]!.Source!.Column);
        Assert.Equal("proj/settings.py", model["MIDDLEWARE"]!.Source!.Path);
    }

    [Fact]
    public void Hostile_loops_and_recursion_are_bounded()
    {
        var (model, _) = TempProject.Settings("""
            def f(n):
                return f(n + 1)
            A = f(0)
            B = 0
            while True:
                B += 1
            C = 'x'
            for i in range(10 ** 9):
                C = C + 'x'
            D = 'after'
            """);
        Assert.IsType<PyUnknown>(model["A"]!.Value);
        Assert.IsType<PyUnknown>(model["B"]!.Value);
        Assert.IsType<PyUnknown>(model["C"]!.Value);
        Assert.Equal(new PyStr("after"), model["D"]!.Value);
    }
}
