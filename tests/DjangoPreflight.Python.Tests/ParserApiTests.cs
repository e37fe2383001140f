using System.Collections.Immutable;
using System.Text;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Tests;

/// <summary>The public surface consumers use: tree shape, positions, source text, walker, encodings.</summary>
public sealed class ParserApiTests
{
    private const string Settings = """
        import os
        DEBUG = os.environ.get("DEBUG", "0") == "1"
        ALLOWED_HOSTS = ["example.com", f"{os.environ['HOST']}"]
        SECRET_KEY: str = 'dev-secret'  # comment
        if DEBUG:
            INSTALLED_APPS += ("debug_toolbar",)
        """;

    [Fact]
    public void SettingsFileGivesCpythonShapedTree()
    {
        var result = PythonParser.Parse(Settings, "settings.py");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("settings.py", result.Path);
        var body = result.Module.Body;
        Assert.Equal(5, body.Length);
        var debug = Assert.IsType<Assign>(body[1]);
        Assert.Equal(new SourceSpan(2, 0, 2, 43), debug.Span);
        var compare = Assert.IsType<Compare>(debug.Value);
        Assert.Equal(CmpOperator.Eq, Assert.Single(compare.Ops));
        var call = Assert.IsType<Call>(compare.Left);
        Assert.Equal("get", Assert.IsType<Attribute>(call.Func).Attr);
        Assert.Equal(["DEBUG", "0"], call.Args.Select(a => ((Constant)a).StringValue));
        var annotated = Assert.IsType<AnnAssign>(body[3]);
        Assert.Equal(1, annotated.Simple);
        Assert.Equal("dev-secret", Assert.IsType<Constant>(annotated.Value).Value);
        var aug = Assert.IsType<AugAssign>(Assert.IsType<If>(body[4]).Body.Single());
        Assert.Equal(Operator.Add, aug.Op);
        Assert.Equal(ExprContext.Store, Assert.IsType<Name>(aug.Target).Ctx);
    }

    [Fact]
    public void SourceTextOfNodesIsTheExactSlice()
    {
        var result = PythonParser.Parse(Settings);
        var hosts = (Assign)result.Module.Body[2];
        Assert.Equal("""["example.com", f"{os.environ['HOST']}"]""", result.GetSourceText(hosts.Value));
        Assert.Equal("""SECRET_KEY: str = 'dev-secret'""", result.GetSourceText(result.Module.Body[3]));
        Assert.Equal("""    INSTALLED_APPS += ("debug_toolbar",)""", result.GetLine(6));
        Assert.Equal(6, result.LineCount);
    }

    [Fact]
    public void ColumnsAreUtf8ByteOffsets()
    {
        var result = PythonParser.Parse("s = 'é' + x\n");
        var binOp = (BinOp)((Assign)result.Module.Body[0]).Value;
        Assert.Equal(new SourceSpan(1, 4, 1, 8), binOp.Left.Span);   // 'é' is 2 bytes in UTF-8
        Assert.Equal(new SourceSpan(1, 11, 1, 12), binOp.Right.Span);
        Assert.Equal("'é'", result.GetSourceText(binOp.Left));
    }

    [Fact]
    public void WalkerFindsEveryCallIncludingNestedOnes()
    {
        var result = PythonParser.Parse("""
            @decorate(a())
            def f(x=default()):
                return [g(y) for y in h()] + f"{k()}"
            class C(Base(m())): pass
            """);
        var calls = AstWalker.DescendantsOfType<Call>(result.Module)
            .Select(c => c.Func is Name n ? n.Id : "?").ToList();
        Assert.Equal(["decorate", "a", "default", "g", "h", "k", "Base", "m"], calls);
        Assert.Equal(AstWalker.DescendantsAndSelf(result.Module).Count(), 1 + AstWalker.DescendantsAndSelf(result.Module).Skip(1).Count());
    }

    [Fact]
    public void WalkerHandlesDeepTreesWithoutRecursion()
    {
        var result = PythonParser.Parse("x = " + string.Concat(Enumerable.Repeat("1+", 2500)) + "1\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2501, AstWalker.DescendantsOfType<Constant>(result.Module).Count());
    }

    [Fact]
    public void LiteralValuesUseDotNetTypes()
    {
        var result = PythonParser.Parse("a = 1, 12345678901234567890123, 0x1F, 1.5, 2j, b'\\x00A', 'a\\nb', None, True, ..., u'x'\n");
        var elts = ((Tuple)((Assign)result.Module.Body[0]).Value).Elts.Cast<Constant>().ToList();
        Assert.Equal(1L, elts[0].Value);
        Assert.Equal(System.Numerics.BigInteger.Parse("12345678901234567890123"), elts[1].Value);
        Assert.Equal(31L, elts[2].Value);
        Assert.Equal(1.5, elts[3].Value);
        Assert.Equal(new System.Numerics.Complex(0, 2), elts[4].Value);
        Assert.Equal(new byte[] { 0, 65 }, ((ImmutableArray<byte>)elts[5].Value!).ToArray());
        Assert.Equal("a\nb", elts[6].Value);
        Assert.Null(elts[7].Value);
        Assert.Equal(true, elts[8].Value);
        Assert.Same(Ast.Ellipsis.Instance, elts[9].Value);
        Assert.Equal("u", elts[10].Kind);
    }

    [Fact]
    public void Latin1FileIsDecodedAndColumnsCountUtf8Bytes()
    {
        var bytes = Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-\nname = 'café'; y = 1\n");
        var result = PythonParser.Parse(bytes);
        Assert.Empty(result.Diagnostics);
        var first = (Assign)result.Module.Body[0];
        Assert.Equal("café", ((Constant)first.Value).Value);
        Assert.Equal(16, ((Assign)result.Module.Body[1]).ColOffset); // é counts 2 bytes in UTF-8
    }

    [Fact]
    public void StringInputIgnoresCodingDeclarationAndBom()
    {
        var result = PythonParser.Parse("\uFEFF# coding: latin-1\nx = 'é'\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("é", ((Constant)((Assign)result.Module.Body[0]).Value).Value);
    }

    [Fact]
    public void AsciiDeclaredFileWithNonAsciiByteIsAnError()
    {
        var result = PythonParser.Parse([.. "# coding: ascii\nx = '"u8, 0xE9, .. "'\n"u8]);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(2, d.Line);
        Assert.Contains("'ascii' codec can't decode byte 0xe9", d.Message);
    }

    [Fact]
    public void CrlfAndCrLineEndsGiveTheSamePositionsAsLf()
    {
        string lf = "def f(a,\n      b):\n    return '''x\ny'''\n";
        var expected = AstDump.Dump(PythonParser.Parse(lf).Module);
        Assert.Equal(expected, AstDump.Dump(PythonParser.Parse(lf.Replace("\n", "\r\n")).Module));
        Assert.Equal(expected, AstDump.Dump(PythonParser.Parse(lf.Replace("\n", "\r")).Module));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void ALongerPooledBufferParsesOnlyItsFilesBytes(string newline)
    {
        // A rented buffer is longer than the file, and what follows the file is some other file's bytes.
        var file = Encoding.UTF8.GetBytes(Settings.Replace("\n", newline) + newline);
        var buffer = file.Concat(Encoding.UTF8.GetBytes("\nimport leftover\n)))")).ToArray();
        var exact = PythonParser.Parse(file, "settings.py");
        var pooled = PythonParser.Parse(buffer, file.Length, "settings.py");
        Assert.Empty(pooled.Diagnostics);
        Assert.Equal(AstDump.Dump(exact.Module), AstDump.Dump(pooled.Module));
        Assert.Equal(exact.LineCount, pooled.LineCount);
        Assert.Equal("if DEBUG:", pooled.GetLine(5));
        Assert.Equal("", pooled.GetLine(7));
        Assert.Equal("(\"debug_toolbar\",)", pooled.GetSourceText(((AugAssign)((If)pooled.Module.Body[4]).Body[0]).Value));
    }

    [Fact]
    public void ParserIsThreadSafeAcrossCalls()
    {
        var sources = Enumerable.Range(0, 64).Select(i => $"x{i} = f'{{y{i}}}' + '\\N{{EM DASH}}'\n").ToList();
        var names = new string[sources.Count];
        Parallel.For(0, sources.Count, i =>
        {
            var assign = (Assign)PythonParser.Parse(sources[i]).Module.Body[0];
            names[i] = ((Name)assign.Targets[0]).Id;
        });
        Assert.Equal(sources.Select((_, i) => $"x{i}"), names);
    }
}
