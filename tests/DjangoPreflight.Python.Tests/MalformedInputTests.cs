using System.Diagnostics;
using System.Text;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Tests;

/// <summary>Hostile and broken input: always a diagnostic, never an exception, always fast.</summary>
public sealed class MalformedInputTests
{
    private static ParseResult ParseFast(string source, int maxMilliseconds = 15000) => ParseFast(Encoding.UTF8.GetBytes(source), maxMilliseconds);

    // Generous: the limit is there to catch exponential or quadratic blow-ups, on a loaded machine.
    private static ParseResult ParseFast(byte[] source, int maxMilliseconds = 15000)
    {
        var sw = Stopwatch.StartNew();
        var result = PythonParser.Parse(source, "input.py");
        sw.Stop();
        Assert.True(sw.ElapsedMilliseconds < maxMilliseconds, $"took {sw.ElapsedMilliseconds} ms");
        Assert.DoesNotContain(result.Diagnostics, d => d.Message.StartsWith("internal parser error", StringComparison.Ordinal));
        return result;
    }

    [Fact]
    public void HundredThousandOpenBracketsGiveNestingDiagnostic()
    {
        var result = ParseFast(new string('(', 100_000));
        Assert.Contains(result.Diagnostics, d => d.Line == 1 && d.Column == 200 && d.Message == "too many nested parentheses");
    }

    [Fact]
    public void HundredThousandBalancedBracketsGiveNestingDiagnostic()
    {
        var result = ParseFast("x = " + new string('[', 100_000) + new string(']', 100_000) + "\ny = 1\n");
        Assert.Contains(result.Diagnostics, d => d.Line == 1 && d.Message == "too many nested parentheses");
        // Recovery: the next line still parses.
        var assign = Assert.IsType<Assign>(Assert.Single(result.Module.Body));
        Assert.Equal("y", Assert.IsType<Name>(assign.Targets[0]).Id);
    }

    [Theory]
    [InlineData("-", 100_000)]
    [InlineData("not ", 100_000)]
    [InlineData("lambda: ", 50_000)]
    public void DeepPrefixChainsGiveDiagnostic(string prefix, int count)
    {
        var result = ParseFast(string.Concat(Enumerable.Repeat(prefix, count)) + "x\n");
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("nest", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1+", 100_000)]
    [InlineData("a.", 100_000)]
    [InlineData("f()", 1)]
    public void TreesDeeperThanCpythonAcceptsGiveDiagnostic(string unit, int count)
    {
        string source = unit == "f()" ? "f" + string.Concat(Enumerable.Repeat("()", 100_000)) : string.Concat(Enumerable.Repeat(unit, count)) + "a";
        var result = ParseFast(source + "\nok = 1\n");
        Assert.Contains(result.Diagnostics, d => d.Line == 1 && d.Message.StartsWith("too many nested expressions", StringComparison.Ordinal));
        Assert.IsType<Assign>(Assert.Single(result.Module.Body));
    }

    [Fact]
    public void LongButShallowChainsAreAccepted()
    {
        // 2,000 additions nest 2,000 deep: CPython 3.11 accepts up to ~2,988.
        var result = ParseFast("x = " + string.Concat(Enumerable.Repeat("1+", 2000)) + "1\n");
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void ManyErrorsStopAfterAHundred()
    {
        var result = ParseFast(string.Concat(Enumerable.Repeat("x = = 1\n", 100_000)));
        Assert.Equal(101, result.Diagnostics.Length);
        Assert.Equal("too many syntax errors; the rest of the file was not parsed", result.Diagnostics[^1].Message);
    }

    [Fact]
    public void ManyMatchAndWithLookalikesParseQuickly()
    {
        // Soft keywords and the parenthesised with form are recognised by lookahead, not by
        // failing speculative parses, so look-alikes cost no exceptions.
        var result = ParseFast(string.Concat(Enumerable.Repeat("match(x)\nwith (a, b) as c: pass\nmatch = 1\n", 5_000)));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(15_000, result.Module.Body.Length);
    }

    [Fact]
    public void LongElifChainsDoNotOverflowTheStack()
    {
        var sb = new StringBuilder("if x:\n    pass\n");
        for (int i = 0; i < 100_000; i++) sb.Append("elif x:\n    pass\n");
        var result = ParseFast(sb.ToString());
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void DeeplyNestedFStringsGiveDiagnostic()
    {
        var result = ParseFast(string.Concat(Enumerable.Repeat("f'{", 1000)) + "x" + string.Concat(Enumerable.Repeat("}'", 1000)) + "\n");
        Assert.NotEmpty(result.Diagnostics);
    }

    [Fact]
    public void RandomBytesNeverThrow()
    {
        var random = new Random(12345);
        int withErrors = 0;
        for (int i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(1, 3000)];
            random.NextBytes(bytes);
            if (ParseFast(bytes).HasErrors) withErrors++;
        }
        Assert.True(withErrors > 290, $"only {withErrors} of 300 random inputs had errors");
    }

    [Fact]
    public void RandomPythonishTextNeverThrows()
    {
        // Fragments of real syntax shuffled together reach far deeper into the parser than random bytes.
        string[] pieces = ["def ", "class ", "(", ")", "[", "]", "{", "}", ":", "\n", "    ", "\t", "x", "=", "f'", "'", "\"\"\"", "{x", "!r", "lambda", ",",
            "*", "**", "match ", "case ", "if ", "else", "elif ", "for ", " in ", "async ", "await ", "yield", "@", "\\\n", "#", "1.5j", "0x", "b'", "r'",
            "import ", "from ", ".", "...", "->", ":=", "try:", "except*", "with ", " as ", "type ", "[T]", "return", "del ", "global ", "\r\n", "\r", "\f"];
        var random = new Random(2024);
        for (int i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            int n = random.Next(1, 80);
            for (int k = 0; k < n; k++) sb.Append(pieces[random.Next(pieces.Length)]);
            ParseFast(sb.ToString());
        }
    }

    [Fact]
    public void TruncatedRealFilesGiveDiagnosticsNotExceptions()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "conformance", "valid", "general_syntax.py"));
        int failures = 0;
        for (int cut = 1; cut < source.Length; cut += 37)
        {
            var result = ParseFast(source[..cut]);
            if (result.HasErrors) failures++;
        }
        Assert.True(failures > 10);
    }

    [Fact]
    public void InvalidUtf8IsReportedWithItsPosition()
    {
        var result = ParseFast([.. "x = 1\ny = '"u8, 0xFF, 0xFE, .. "'\nz = 2\n"u8]);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(2, d.Line);
        Assert.Equal(5, d.Column);
        Assert.Contains("can't decode byte 0xff", d.Message);
        Assert.Equal(3, result.Module.Body.Length);
    }

    [Theory]
    [InlineData("x = 'abc\ny = 1\n", 1, 4, "unterminated string literal (detected at line 1)")]
    [InlineData("x = \"\"\"abc\ny = 1\n", 1, 4, "unterminated triple-quoted string literal (detected at line 2)")]
    [InlineData("x = f'{a\n", 1, 4, "unterminated string literal (detected at line 1)")]
    [InlineData("x = (1,\ny = 2\n", 2, 2, "expected ')'")]
    [InlineData("def f(:\n    pass\n", 1, 6, "invalid syntax")]
    [InlineData("x = [1,\n     2\ndef g():\n    pass\n", 1, 4, "'[' was never closed")]
    [InlineData("x = 1\n    y = 2\n", 2, 4, "unexpected indent")]
    [InlineData("if x:\n    y = 1\n  z = 2\n", 3, 2, "unindent does not match any outer indentation level")]
    [InlineData("x = 0777\n", 1, 4, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")]
    [InlineData("f(a=1, b)\n", 1, 7, "positional argument follows keyword argument")]
    [InlineData("1 = x\n", 1, 0, "cannot assign to literal")]
    [InlineData("# -*- coding: klingon -*-\nx = 1\n", 1, 0, "unknown encoding: klingon")]
    public void ErrorsArePositionedAtTheOffendingToken(string source, int line, int column, string message)
    {
        var result = ParseFast(source);
        var d = result.Diagnostics[0];
        Assert.Equal((line, column, message), (d.Line, d.Column, d.Message));
    }

    [Fact]
    public void RecoveryKeepsTheRestOfTheFile()
    {
        var result = ParseFast("import os\nx = = 1\ndef f():\n    y = (\n    return 2\nDEBUG = True\nclass C:\n    a b\n    c = 3\n");
        Assert.NotEmpty(result.Diagnostics);
        var names = result.Module.Body.Select(s => s switch
        {
            Import => "import",
            Assign a => ((Name)a.Targets[0]).Id,
            FunctionDef f => "def " + f.Name,
            ClassDef c => "class " + c.Name + ":" + string.Join(",", c.Body.OfType<Assign>().Select(x => ((Name)x.Targets[0]).Id)),
            _ => s.GetType().Name,
        }).ToList();
        Assert.Contains("import", names);
        Assert.Contains("DEBUG", names);
        Assert.Contains("class C:c", names);
    }
}
