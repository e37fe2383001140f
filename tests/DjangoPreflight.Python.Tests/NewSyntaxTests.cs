using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Python.Tests;

/// <summary>
/// Syntax newer than the reference interpreter (3.11): expected dumps were produced by CPython
/// 3.12.1 and 3.13.0 (pyenv) with Conformance/ast_dump.py and pinned here.
/// </summary>
public sealed class NewSyntaxTests
{
    [Fact]
    public void TypeAliasesAndTypeParametersMatchCpython312()
    {
        const string source = """
type Point = tuple[float, float]
type ListOrSet[T] = list[T] | set[T]
def first[T](xs: list[T]) -> T:
    return xs[0]
class Box[T: (int, str), *Ts, **P]:
    def get[U: int](self) -> U: ...
async def run[T](x: T) -> None: pass
""";
        const string expected = """
module Module
 body[0] TypeAlias @1:0-1:32
  name Name id=Point ctx=Store @1:5-1:10
  value Subscript ctx=Load @1:13-1:32
   value Name id=tuple ctx=Load @1:13-1:18
   slice Tuple ctx=Load @1:19-1:31
    elts[0] Name id=float ctx=Load @1:19-1:24
    elts[1] Name id=float ctx=Load @1:26-1:31
 body[1] TypeAlias @2:0-2:36
  name Name id=ListOrSet ctx=Store @2:5-2:14
  type_params[0] TypeVar name=T @2:15-2:16
  value BinOp op=BitOr @2:20-2:36
   left Subscript ctx=Load @2:20-2:27
    value Name id=list ctx=Load @2:20-2:24
    slice Name id=T ctx=Load @2:25-2:26
   right Subscript ctx=Load @2:30-2:36
    value Name id=set ctx=Load @2:30-2:33
    slice Name id=T ctx=Load @2:34-2:35
 body[2] FunctionDef name=first @3:0-4:16
  args arguments
   args[0] arg arg=xs @3:13-3:24
    annotation Subscript ctx=Load @3:17-3:24
     value Name id=list ctx=Load @3:17-3:21
     slice Name id=T ctx=Load @3:22-3:23
  body[0] Return @4:4-4:16
   value Subscript ctx=Load @4:11-4:16
    value Name id=xs ctx=Load @4:11-4:13
    slice Constant value=0 @4:14-4:15
  returns Name id=T ctx=Load @3:29-3:30
  type_params[0] TypeVar name=T @3:10-3:11
 body[3] ClassDef name=Box @5:0-6:35
  body[0] FunctionDef name=get @6:4-6:35
   args arguments
    args[0] arg arg=self @6:20-6:24
   body[0] Expr @6:32-6:35
    value Constant value=... @6:32-6:35
   returns Name id=U ctx=Load @6:29-6:30
   type_params[0] TypeVar name=U @6:12-6:18
    bound Name id=int ctx=Load @6:15-6:18
  type_params[0] TypeVar name=T @5:10-5:23
   bound Tuple ctx=Load @5:13-5:23
    elts[0] Name id=int ctx=Load @5:14-5:17
    elts[1] Name id=str ctx=Load @5:19-5:22
  type_params[1] TypeVarTuple name=Ts @5:25-5:28
  type_params[2] ParamSpec name=P @5:30-5:33
 body[4] AsyncFunctionDef name=run @7:0-7:36
  args arguments
   args[0] arg arg=x @7:17-7:21
    annotation Name id=T ctx=Load @7:20-7:21
  body[0] Pass @7:32-7:36
  returns Constant value=None @7:26-7:30
  type_params[0] TypeVar name=T @7:14-7:15
""";
        AssertDump(source, expected);
    }

    [Fact]
    public void TypeParameterDefaultsMatchCpython313()
    {
        const string source = """
type Alias[T = int] = list[T]
def f[T = str, *Ts = *tuple[int], **P = [int]](): pass
""";
        const string expected = """
module Module
 body[0] TypeAlias @1:0-1:29
  name Name id=Alias ctx=Store @1:5-1:10
  type_params[0] TypeVar name=T @1:11-1:18
   default_value Name id=int ctx=Load @1:15-1:18
  value Subscript ctx=Load @1:22-1:29
   value Name id=list ctx=Load @1:22-1:26
   slice Name id=T ctx=Load @1:27-1:28
 body[1] FunctionDef name=f @2:0-2:54
  args arguments
  body[0] Pass @2:50-2:54
  type_params[0] TypeVar name=T @2:6-2:13
   default_value Name id=str ctx=Load @2:10-2:13
  type_params[1] TypeVarTuple name=Ts @2:15-2:32
   default_value Starred ctx=Load @2:21-2:32
    value Subscript ctx=Load @2:22-2:32
     value Name id=tuple ctx=Load @2:22-2:27
     slice Name id=int ctx=Load @2:28-2:31
  type_params[2] ParamSpec name=P @2:34-2:45
   default_value List ctx=Load @2:40-2:45
    elts[0] Name id=int ctx=Load @2:41-2:44
""";
        AssertDump(source, expected);
    }

    /// <summary>
    /// PEP 701 (3.12): same-quote nesting, backslashes and nested f-strings inside replacement
    /// fields. Values and the positions of the inner expressions are 3.12's; the positions of the
    /// f-string's own parts (Constant/FormattedValue/format spec) follow 3.11's convention in this
    /// parser, so those are left out of the comparison.
    /// </summary>
    [Fact]
    public void Pep701FStringsMatchCpython312ExceptPartPositions()
    {
        const string source = """
songs = ["a", "b"]
x = f"{", ".join(songs)}"
y = f"{f"{f"{1}"}"}"
z = f"{songs[0]!r:>{10}s}"
w = f'{'nested'}' f"{"\n".join(songs)}"
""";
        const string expected = """
module Module
 body[0] Assign @1:0-1:18
  targets[0] Name id=songs ctx=Store @1:0-1:5
  value List ctx=Load @1:8-1:18
   elts[0] Constant value=s:a @1:9-1:12
   elts[1] Constant value=s:b @1:14-1:17
 body[1] Assign @2:0-2:25
  targets[0] Name id=x ctx=Store @2:0-2:1
  value JoinedStr @2:4-2:25
   values[0] FormattedValue conversion=-1 @2:6-2:24
    value Call @2:7-2:23
     func Attribute attr=join ctx=Load @2:7-2:16
      value Constant value=s:,  @2:7-2:11
     args[0] Name id=songs ctx=Load @2:17-2:22
 body[2] Assign @3:0-3:20
  targets[0] Name id=y ctx=Store @3:0-3:1
  value JoinedStr @3:4-3:20
   values[0] FormattedValue conversion=-1 @3:6-3:19
    value JoinedStr @3:7-3:18
     values[0] FormattedValue conversion=-1 @3:9-3:17
      value JoinedStr @3:10-3:16
       values[0] FormattedValue conversion=-1 @3:12-3:15
        value Constant value=1 @3:13-3:14
 body[3] Assign @4:0-4:26
  targets[0] Name id=z ctx=Store @4:0-4:1
  value JoinedStr @4:4-4:26
   values[0] FormattedValue conversion=114 @4:6-4:25
    value Subscript ctx=Load @4:7-4:15
     value Name id=songs ctx=Load @4:7-4:12
     slice Constant value=0 @4:13-4:14
    format_spec JoinedStr @4:17-4:24
     values[0] Constant value=s:> @4:18-4:19
     values[1] FormattedValue conversion=-1 @4:19-4:23
      value Constant value=10 @4:20-4:22
     values[2] Constant value=s:s @4:23-4:24
 body[4] Assign @5:0-5:39
  targets[0] Name id=w ctx=Store @5:0-5:1
  value JoinedStr @5:4-5:39
   values[0] FormattedValue conversion=-1 @5:6-5:16
    value Constant value=s:nested @5:7-5:15
   values[1] FormattedValue conversion=-1 @5:20-5:38
    value Call @5:21-5:37
     func Attribute attr=join ctx=Load @5:21-5:30
      value Constant value=s:\n @5:21-5:25
     args[0] Name id=songs ctx=Load @5:31-5:36
""";
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(WithoutPartPositions(expected + "\n"), WithoutPartPositions(AstDump.Dump(result.Module)));
    }

    [Fact]
    public void SoftKeywordsStayUsableAsNames()
    {
        var result = PythonParser.Parse("type = 1\ntype(x)\nmatch = [type]\nmatch[0]\ncase = _ = 2\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal(5, result.Module.Body.Length);
        Assert.IsType<Assign>(result.Module.Body[0]);
        Assert.IsType<Expr>(result.Module.Body[1]);
        Assert.IsType<Expr>(result.Module.Body[3]);
    }

    private static void AssertDump(string source, string expected)
    {
        var result = PythonParser.Parse(source);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(expected + "\n", AstDump.Dump(result.Module));
    }

    private static string WithoutPartPositions(string dump)
    {
        var lines = dump.Split('\n').Select(line =>
        {
            var fields = line.TrimStart().Split(' ');
            bool part = fields.Length > 1 && (fields[1] == "FormattedValue" || fields[0] == "format_spec"
                || (fields[0].StartsWith("values[", StringComparison.Ordinal) && fields[1] == "Constant"));
            int at = line.LastIndexOf(" @", StringComparison.Ordinal);
            return part && at > 0 ? line[..at] : line;
        });
        return string.Join('\n', lines);
    }
}
