using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>No name Python's builtins module defines is ever an undefined name to the evaluator
/// (a `NameError: FileExistsError` made a real project's settings fail to import).</summary>
public class BuiltinNamesTests
{
    /// <summary>dir(builtins) of CPython 3.14, without the private and interactive-only dunders.</summary>
    private const string Names = "ArithmeticError AssertionError AttributeError BaseException BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning EnvironmentError Exception ExceptionGroup False FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError None NotADirectoryError NotImplemented NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError PythonFinalizationError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError True TypeError UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ValueError Warning ZeroDivisionError __build_class__ __debug__ __import__ abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max memoryview min next object oct open ord pow print property quit range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip";

    [Fact]
    public void Every_builtin_name_resolves()
    {
        var source = string.Join('\n', Names.Split(' ').Select((n, i) => $"V{i} = {n}"));
        var (m, _) = TempProject.Settings(source);
        Assert.Empty(m.Raises);
        Assert.Equal(Names.Split(' ').Length, m.Settings.Keys.Count(k => k.StartsWith('V')));
    }

    [Theory]
    [InlineData("FileExistsError", "OSError", true)]
    [InlineData("IOError", "OSError", true)]
    [InlineData("FileNotFoundError", "EnvironmentError", true)]
    [InlineData("PermissionError", "LookupError", false)]
    [InlineData("UnicodeDecodeError", "ValueError", true)]
    [InlineData("KeyboardInterrupt", "Exception", false)]
    [InlineData("KeyboardInterrupt", "BaseException", true)]
    [InlineData("RecursionError", "RuntimeError", true)]
    public void Except_clauses_follow_the_builtin_hierarchy(string raised, string caught, bool catches)
    {
        var (m, _) = TempProject.Settings($"try:\n    raise {raised}('x')\nexcept {caught}:\n    A = 1\nexcept BaseException:\n    A = 2\n");
        Assert.Equal(new PyInt(catches ? 1 : 2), m["A"]!.Value);
        Assert.Empty(m.Raises);
    }

    [Fact]
    public void A_handler_naming_a_module_imported_in_the_try_is_not_evaluated_before_it_runs()
    {
        var (m, _) = TempProject.Settings("try:\n    import json\n    A = json.loads('[1]')\nexcept (FileNotFoundError, json.JSONDecodeError):\n    A = []\n");
        Assert.Equal("[1]", PyRepr.Of(m["A"]!.Value));
        Assert.Empty(m.Raises);
    }
}
