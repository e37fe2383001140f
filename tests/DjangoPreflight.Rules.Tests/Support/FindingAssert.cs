using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Tests.Support;

public static class FindingAssert
{
    /// <summary>Exactly one finding, of <paramref name="rule"/>, at path:line, with this message.</summary>
    public static Finding Single(IEnumerable<Finding> findings, string rule, string path, int? line, string message)
    {
        var list = findings.ToList();
        var f = Assert.Single(list);
        Assert.Equal(rule, f.RuleId);
        Assert.Equal(path, f.Location.Path);
        Assert.Equal(line, f.Location.Line);
        Assert.Equal(message, f.Message);
        return f;
    }

    public static void None(IEnumerable<Finding> findings) => Assert.Empty(findings.ToList());
}
