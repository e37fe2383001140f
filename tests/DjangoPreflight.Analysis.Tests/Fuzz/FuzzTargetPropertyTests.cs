using System.Text;
using CsCheck;
using DjangoPreflight.Fuzz;

namespace DjangoPreflight.Analysis.Tests.Fuzz;

/// <summary>
/// Property tests (CsCheck) over the fuzz targets (#22 item 7), run on every test run: where a
/// fuzzer needs hours to build syntax from bytes, these generate settings modules and configuration
/// files from the pieces real ones are made of (assignments, environment lookups, imports, blocks,
/// comprehensions, loops; TOML tables, keys of the configuration, values of every type), then cut
/// and splice them. Each target must end in a result or its documented error; a failure prints the
/// shrunk input and the seed that replays it.
/// </summary>
public sealed class FuzzTargetPropertyTests
{
    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.Const("DEBUG"), Gen.Const("SECRET_KEY"), Gen.Const("ALLOWED_HOSTS"), Gen.Const("DATABASES"), Gen.Const("MIDDLEWARE"),
        Gen.Const("INSTALLED_APPS"), Gen.Const("X"), Gen.Const("os"), Gen.Const("env"), Gen.Const("i"));

    private static Gen<string> Expression(int depth)
    {
        var leaf = Gen.OneOf(
            Name,
            Gen.Int[-3, 1000].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Char["ab%{} \""].Array[0, 6].Select(c => "'" + new string(c) + "'"),
            Gen.Const("True"), Gen.Const("None"), Gen.Const("f'{X}-{DEBUG!r}'"),
            Gen.Const("os.environ.get('DJANGO_DEBUG', 'True')"), Gen.Const("os.environ['SK']"), Gen.Const("env('X', default=None)"),
            Gen.Const("Path(__file__).resolve().parent"));
        if (depth == 0) return leaf;
        var inner = Expression(depth - 1);
        return Gen.OneOf(
            leaf, leaf,
            Gen.Select(inner, Gen.OneOf(Gen.Const(" + "), Gen.Const(" * "), Gen.Const(" ** "), Gen.Const(" % "), Gen.Const(" or "), Gen.Const(" == "), Gen.Const(" if X else ")), inner,
                (a, op, b) => a + op + b),
            inner.Array[0, 3].Select(items => "[" + string.Join(", ", items) + "]"),
            Gen.Select(inner, inner, (k, v) => "{" + k + ": " + v + "}"),
            Gen.Select(inner, inner, (a, b) => $"[{a} for i in {b} if i]"),
            Gen.Select(inner, Gen.OneOf(Gen.Const(".split(',')"), Gen.Const(".zfill(1000)"), Gen.Const(".replace('a', 'aa')"), Gen.Const("[1:]"), Gen.Const("[0]"), Gen.Const(".get('x')")),
                (a, call) => "(" + a + ")" + call),
            inner.Select(a => $"str({a})"), inner.Select(a => $"int({a})"), inner.Select(a => $"len({a})"));
    }

    private static Gen<string> Statement(int depth)
    {
        var expression = Expression(2);
        var simple = Gen.OneOf(
            Gen.Select(Name, expression, (n, e) => $"{n} = {e}"),
            Gen.Select(Name, expression, (n, e) => $"{n} += {e}"),
            Gen.OneOf(Gen.Const("import os"), Gen.Const("from .base import *"), Gen.Const("from f.settings import *"), Gen.Const("import environ"),
                Gen.Const("env = environ.Env()"), Gen.Const("from pathlib import Path"), Gen.Const("del X"), Gen.Const("pass")),
            expression.Select(e => $"raise ImproperlyConfigured({e})"),
            expression.Select(e => $"assert {e}"));
        if (depth == 0) return simple;
        var body = Statement(depth - 1).Array[1, 3].Select(lines => string.Join("\n", lines.SelectMany(l => l.Split('\n')).Select(l => "    " + l)));
        return Gen.OneOf(
            simple, simple, simple,
            Gen.Select(expression, body, (e, b) => $"if {e}:\n{b}"),
            Gen.Select(expression, body, body, (e, b, o) => $"if {e}:\n{b}\nelse:\n{o}"),
            Gen.Select(expression, body, (e, b) => $"for i in {e}:\n{b}"),
            Gen.Select(expression, body, (e, b) => $"while {e}:\n{b}"),
            Gen.Select(body, body, (b, h) => $"try:\n{b}\nexcept Exception:\n{h}"),
            body.Select(b => $"def f(x=1):\n{b}"));
    }

    /// <summary>Text as bytes, then cut and spliced: what the grammar builds, and what a truncated or
    /// corrupted copy of it looks like.</summary>
    private static Gen<byte[]> Mangled(Gen<string> text) =>
        Gen.Select(text, Gen.Int[0, 3], Gen.Int, Gen.Byte.Array[0, 4], (t, how, at, bytes) =>
        {
            var data = Encoding.UTF8.GetBytes(t);
            var cut = data.Length == 0 ? 0 : (int)((uint)at % (uint)data.Length);
            return how switch
            {
                1 => data[..cut],
                2 => [.. data[..cut], .. bytes, .. data[cut..]],
                3 => [.. data, .. data[cut..]],
                _ => data,
            };
        });

    private static readonly Gen<string> Settings = Statement(2).Array[0, 12].Select(lines => string.Join("\n", lines) + "\n");

    [Fact]
    public void The_evaluator_target_ends_on_any_generated_settings_module()
    {
        Mangled(Settings).Sample(bytes => FuzzTargets.Evaluator(bytes), iter: 150, print: bytes => Encoding.UTF8.GetString(bytes));
    }

    private static readonly Gen<string> TomlValue = Gen.OneOf(
        Gen.Const("\"DP1\""), Gen.Const("\"high\""), Gen.Const("\"json\""), Gen.Const("\"shop.settings\""), Gen.Const("\"4.2\""),
        Gen.Const("[\"DP101\", \"DP2\"]"), Gen.Const("[\"deploy/.env\", \"../x\", \"/etc/passwd\", \".git/config\"]"), Gen.Const("[\"**/*.py\", \"[\"]"),
        Gen.Const("{ \"tests/**\" = [\"DP101\"] }"), Gen.Const("3"), Gen.Const("true"), Gen.Const("1979-05-27"), Gen.Const("[[1], [[2]]]"),
        Gen.Const("\"\\U0000D800\""), Gen.Const("'''\nmulti\n'''"), Gen.Const("inf"), Gen.Const("{}"), Gen.Const("[]"));

    private static readonly Gen<string> TomlLine = Gen.OneOf(
        Gen.Select(Gen.OneOf(Gen.Const("select"), Gen.Const("ignore"), Gen.Const("fail-on"), Gen.Const("min-confidence"), Gen.Const("format"),
            Gen.Const("settings"), Gen.Const("env-files"), Gen.Const("django-version"), Gen.Const("no-history"), Gen.Const("per-path-ignores"),
            Gen.Const("exclude"), Gen.Const("unknown-key"), Gen.Const("\"quoted.key\""), Gen.Const("a.b")), TomlValue, (k, v) => $"{k} = {v}"),
        Gen.OneOf(Gen.Const("[tool.django-preflight]"), Gen.Const("[tool.django-preflight.per-path-ignores]"), Gen.Const("[project]"),
            Gen.Const("[[tool.django-preflight]]"), Gen.Const("[tool]"), Gen.Const("name = \"shop\""), Gen.Const("# comment")));

    private static readonly Gen<string> Configuration = TomlLine.Array[0, 12].Select(lines => string.Join("\n", lines) + "\n");

    [Fact]
    public void The_configuration_target_ends_on_any_generated_pyproject()
    {
        Mangled(Configuration).Sample(bytes => FuzzTargets.Configuration(bytes), iter: 400, print: bytes => Encoding.UTF8.GetString(bytes));
    }
}
