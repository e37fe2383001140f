using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>
/// Settings written to exhaust the evaluator: each bomb must end in an unknown value (and the
/// statements after it still evaluated), never in an out-of-memory, a stack overflow (which kills
/// the process) or minutes of work.
/// </summary>
public class HostileSettingsTests
{
    private static (SettingsModel Model, DjangoPreflight.Analysis.Project.ProjectContext Context) Evaluate(string source) => TempProject.Settings(source + "\nAFTER = 'reached'\n");

    private static void AssertBoundedToUnknown(string source)
    {
        var (model, _) = Evaluate(source);
        Assert.IsType<PyUnknown>(model["A"]!.Value);
        Assert.Equal("reached", model["AFTER"]!.Value.AsString);
    }

    [Theory]
    [InlineData("A = 'a'.zfill(2000000000)")]
    [InlineData("A = 'a'.zfill(10 ** 30)")]
    [InlineData("S = 'ab' * 400000\nA = S.replace('a', S)")]
    [InlineData("S = 'a' * 900000\nA = S.join([S] * 3000)")]
    [InlineData("A = 2 ** 2048\nfor i in range(40):\n    A = A * A")]
    [InlineData("A = 1\nfor i in range(100000):\n    A = A << 4096")]
    [InlineData("A = 7\nfor i in range(100000):\n    A = A + A * A")]
    public void String_and_integer_bombs_become_unknown(string source) => AssertBoundedToUnknown(source);

    [Fact]
    public void A_right_nested_power_chain_is_evaluated_or_refused_without_overflowing_the_stack()
    {
        // 2 ** 2 ** ... ** 2: right-associative, so the tree is as deep as the chain is long.
        foreach (var length in new[] { 2_500, 100_000 })
        {
            var (model, context) = Evaluate("A = " + string.Concat(Enumerable.Repeat("2 ** ", length)) + "2");
            Assert.True(model["A"] is null || model["A"]!.Value is PyUnknown, $"chain of {length}");
            Assert.NotNull(context);
        }
    }

    [Theory]
    [InlineData("A = []\nfor i in range(100000):\n    A = [A]")]
    [InlineData("A = {}\nfor i in range(100000):\n    A = {'k': A}")]
    [InlineData("A = ()\nfor i in range(100000):\n    A = (A, 1)")]
    public void A_container_nested_a_hundred_thousand_deep_by_a_loop_is_cut_at_the_depth_bound(string source)
    {
        // No bracket in the source: the parser's depth limit never sees it; the evaluator must. Past
        // the bound the inner value is unknown, and the loop goes on wrapping it.
        var (model, _) = Evaluate(source);
        var value = model["A"]!.Value;
        Assert.InRange(value.Depth, 1, 200);
        for (var inner = value; ; inner = inner is PyDict d ? d.Entries[0].Value : inner.AsSequence!.Value[0])
            if (inner is PyUnknown u) { Assert.Contains("nested deeper than 200", u.Reason); break; }
        Assert.Equal("reached", model["AFTER"]!.Value.AsString);
    }

    [Theory]
    [InlineData("A = len(set(range(100000)))", 100_000)]
    // A comprehension yields at most 100,000 values, two per entry of a dict.
    [InlineData("A = len({i: i for i in range(49000)})", 49_000)]
    [InlineData("A = len({str(i % 7): i for i in range(49000)})", 7)]
    [InlineData("A = len({1, 1.0, True, '1', None, None, 2.5, 2.5})", 4)]
    public void Large_sets_and_dicts_are_built_without_comparing_every_pair(string source, int expected)
    {
        // One comparison per pair is billions here: minutes, where Python hashes in milliseconds.
        var (model, _) = Evaluate(source);
        Assert.Equal(expected, (int)((PyInt)model["A"]!.Value).Value);
    }

    [Fact]
    public void A_huge_list_literal_becomes_unknown()
    {
        AssertBoundedToUnknown("A = [" + string.Concat(Enumerable.Repeat("1, ", 300_000)) + "]");
    }

    [Fact]
    public void A_chain_of_star_imports_deeper_than_the_bound_is_cut_with_a_notice()
    {
        // proj.m0 imports * from proj.m1, which imports * from proj.m2, ... 3000 modules deep: each
        // import is a nested evaluation, so the chain must stop long before the stack does.
        const int depth = 3000;
        var files = new List<(string, string)>
        {
            ("manage.py", "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'proj.settings')\n"),
            ("proj/__init__.py", ""),
            ("proj/settings.py", "from .m0 import *\nAFTER = 'reached'\n"),
            ($"proj/m{depth}.py", "A = 'bottom'\n"),
        };
        for (var i = 0; i < depth; i++) files.Add(($"proj/m{i}.py", $"from .m{i + 1} import *\n"));
        using var project = new TempProject([.. files]);
        var context = project.Context();
        var model = context.Settings.Production!;
        Assert.Equal("reached", model["AFTER"]!.Value.AsString);
        Assert.True(model["A"] is null || model["A"]!.Value is PyUnknown);
        Assert.Contains(context.Diagnostics.Notices, n => n.Contains("imports nested deeper than", StringComparison.Ordinal));
    }
}
