using DjangoPreflight.Analysis.Environment;

namespace DjangoPreflight.Analysis.Tests.Environment;

public class DotEnvParserTests
{
    [Fact]
    public void Parses_quotes_export_comments_escapes_and_multiline_values()
    {
        var problems = new List<DotEnvProblem>();
        var vars = DotEnvParser.Parse("""
            # comment
            export A=1
            B = two words  # trailing comment
            C='single # not a comment \n'
            D="double\ttab \"q\" \\ end"
            E="line1
            line2"
            F=
            G=a#b
            not a line
            H
            """, problems);
        var d = vars.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal("1", d["A"]);
        Assert.Equal("two words", d["B"]);
        Assert.Equal("single # not a comment \\n", d["C"]);
        Assert.Equal("double\ttab \"q\" \\ end", d["D"]);
        Assert.Equal("line1\nline2", d["E"]);
        Assert.Equal("", d["F"]);
        Assert.Equal("a#b", d["G"]);
        Assert.False(d.ContainsKey("H"));
        var problem = Assert.Single(problems);
        Assert.Equal(10, problem.Line);
    }

    [Fact]
    public void Unterminated_quote_is_reported_not_thrown()
    {
        var problems = new List<DotEnvProblem>();
        var vars = DotEnvParser.Parse("A=1\nB=\"open\nC=3\n", problems);
        Assert.Equal("1", Assert.Single(vars).Value);
        Assert.Contains("unterminated", Assert.Single(problems).Message);
    }

    [Fact]
    public void Later_files_and_pairs_win_and_the_process_environment_is_not_inherited()
    {
        using var p = new TempProject(("a.env", "X=1\nY=1\n"), ("b.env", "Y=2\n"));
        var ctx = p.Context(envFiles: ["a.env", "b.env"], env: [("X", "3")]);
        Assert.Equal("3", ctx.EnvProfile.Variables["X"]);
        Assert.Equal("2", ctx.EnvProfile.Variables["Y"]);
        Assert.False(ctx.EnvProfile.Variables.ContainsKey("PATH"));
    }
}
