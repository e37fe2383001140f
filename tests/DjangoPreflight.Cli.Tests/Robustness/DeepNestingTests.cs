using System.Text.Json;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Cli.Tests.Robustness;

/// <summary>
/// Python nested far deeper than any person writes it, in every shape the grammar nests: each
/// recursive reader (parser, tree walkers, the settings evaluator, the rules) must either read it
/// or report the file as unparsable, and the scan go on; a stack overflow would end the process
/// (exit 134) with no report at all. Each shape is tried at 100,000 levels, where the parser must
/// refuse it, and just under the parser's bounds (990 brackets, 2,900 links of a chain), where
/// the tree it builds reaches every reader.
/// </summary>
public class DeepNestingTests
{
    /// <summary>An expression nested <paramref name="n"/> levels deep in the named shape.</summary>
    private static string Nested(string shape, int n) => shape switch
    {
        "list" => Repeat("[", n) + Repeat("]", n),
        "parentheses" => Repeat("(", n) + "1" + Repeat(")", n),
        "tuple" => Repeat("(", n) + "1," + Repeat(")", n),
        "dict" => Repeat("{1: ", n) + "1" + Repeat("}", n),
        "set" => Repeat("{", n) + "1" + Repeat("}", n),
        "negated parentheses" => Repeat("-(", n) + "1" + Repeat(")", n),
        "unary minus" => Repeat("-", n) + "1",
        "inversion" => Repeat("~", n) + "1",
        "not" => Repeat("not ", n) + "True",
        "attribute chain" => "os" + Repeat(".path", n),
        "call chain" => "f" + Repeat("()", n),
        "nested calls" => Repeat("str(", n) + "1" + Repeat(")", n),
        "subscript chain" => "A" + Repeat("[0]", n),
        "sum" => "1" + Repeat(" + 1", n),
        "string formatting" => "'%s'" + Repeat(" % '%s'", n),
        "power" => "2" + Repeat(" ** 2", n),
        "lambda" => Repeat("lambda: ", n) + "1",
        "conditional" => Repeat("1 if X else ", n) + "2",
        "comprehension" => Repeat("[a for a in ", n) + "B" + Repeat("]", n),
        "f-string" => Repeat("f'{", n) + "1" + Repeat("}'", n),
        "mixed" => Repeat("[(-{1: not a.b(", n / 5) + "1" + Repeat(")})]", n / 5),
        _ => throw new ArgumentException(shape),
    };

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static readonly string[] AllShapes =
    [
        "list", "parentheses", "tuple", "dict", "set", "negated parentheses", "unary minus", "inversion", "not",
        "attribute chain", "call chain", "nested calls", "subscript chain", "sum", "string formatting", "power",
        "lambda", "conditional", "comprehension", "f-string", "mixed",
    ];

    public static TheoryData<string> Shapes() => new(AllShapes);

    private static TempDirectory Project(string expression)
    {
        var temp = new TempDirectory("dp-deep");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        // DEBUG is set after the deep line: the scan must go on to read it.
        temp.Write("h/settings.py", "import os\nDEBUG = False\nX = " + expression + "\nDEBUG = True\n");
        temp.Write("h/views.py", "from django.http import HttpResponse\nY = " + expression + "\n");
        return temp;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AHundredThousandLevelsAreAParseErrorAndTheScanGoesOn(string shape)
    {
        using var temp = Project(Nested(shape, 100_000));
        var report = InProcessScan.Run(temp.Path);
        InProcessScan.AssertNoRuleFailed(report);
        Assert.Contains(report.Summary.ParseErrors, e => e.Path == "h/settings.py" && e.Line == 3);
        Assert.Contains(report.Summary.ParseErrors, e => e.Path == "h/views.py" && e.Line == 2);
        // The lines after the unparsable one are still read: DEBUG = True there is certain.
        Assert.Contains(report.Findings, f => f.RuleId == "DP201" && f.Location.Line == 4 && f.Confidence == Core.Confidence.Certain);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void JustUnderTheParserBoundsEveryReaderCopes(string shape)
    {
        // Brackets and prefixes are refused by the parser from 1,000 levels, chains (trailers and
        // binary operators, which build as deep a tree) from about 3,000.
        var chain = shape is "attribute chain" or "call chain" or "subscript chain" or "sum" or "string formatting";
        using var temp = Project(Nested(shape, chain ? 2_900 : 990));
        var report = InProcessScan.Run(temp.Path);
        InProcessScan.AssertNoRuleFailed(report);
        // Read or refused, the settings after the deep line still count.
        Assert.Contains(report.Findings, f => f.RuleId == "DP201" && f.Location.Line == 4);
    }

    [Fact]
    public void TheBinaryReportsEveryShapeAtAHundredThousandLevelsWithoutCrashing()
    {
        // The released binary (its main thread's stack, not a test thread's) over every shape at once.
        using var temp = new TempDirectory("dp-deep-all");
        temp.Write("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'h.settings')\n");
        temp.Write("h/__init__.py", "");
        temp.Write("h/settings.py", "DEBUG = False\nX = " + Nested("mixed", 100_000) + "\n");
        for (var i = 0; i < AllShapes.Length; i++)
            temp.Write($"h/deep_{i}.py", "Y = " + Nested(AllShapes[i], 100_000) + "\n");

        var run = CliRun.Binary("scan", temp.Path, "--no-history", "--format", "json");

        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Stderr}");
        using var json = JsonDocument.Parse(run.Stdout);
        var unparsable = json.RootElement.GetProperty("summary").GetProperty("parse_errors").EnumerateArray()
            .Select(e => e.GetProperty("path").GetString()).ToHashSet();
        Assert.Contains("h/settings.py", unparsable);
        for (var i = 0; i < AllShapes.Length; i++)
            Assert.True(unparsable.Contains($"h/deep_{i}.py"), $"{AllShapes[i]} was not reported as unparsable");
    }
}
