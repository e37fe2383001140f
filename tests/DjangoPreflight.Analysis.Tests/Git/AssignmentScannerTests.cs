using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Git;
using DjangoPreflight.TestSupport;

namespace DjangoPreflight.Analysis.Tests.Git;

/// <summary>The linear-time assignment scanner finds exactly what the regular expression it
/// replaced found, on real files and on generated lines built from the characters that matter.</summary>
public partial class AssignmentScannerTests
{
    // The expression SecretScanner used before: the oracle. It is quadratic on one long line.
    [GeneratedRegex("""(?<![A-Za-z0-9_.])(?=(?<nq>['"]?)(?<name>[A-Za-z_][A-Za-z0-9_.-]*)\k<nq>(?:\s*(?<sep>[=:,])\s*(?:default\s*=\s*)?|(?<=^\s*ENV\s+[A-Za-z_][A-Za-z0-9_]*)(?<sep>\s+))(?:(?<prefix>[rRbBuUfF]{0,2})(?<q>['"])(?<qvalue>[^'"\r\n]+)\k<q>|(?<value>[^\s'"(\[{][^\s'"]*)))""")]
    private static partial Regex Oracle();

    /// <summary>What the oracle matched, as (start, name, quoted name, separator, prefix, quoted, value).</summary>
    private static List<(int, string, bool, string, string, bool, string)> Expected(string line) =>
        Oracle().Matches(line).Select(m => (m.Index, m.Groups["name"].Value, m.Groups["nq"].Length > 0,
            m.Groups["sep"].Value is var sep && sep.Length > 0 && char.IsWhiteSpace(sep[0]) ? " " : sep, m.Groups["prefix"].Value,
            m.Groups["q"].Success && m.Groups["q"].Length > 0,
            m.Groups["q"].Success && m.Groups["q"].Length > 0 ? m.Groups["qvalue"].Value : m.Groups["value"].Value)).ToList();

    private static List<(int, string, bool, string, string, bool, string)> Actual(string line) =>
        AssignmentScanner.Scan(line).Select(c => (c.Start, c.Name(line), c.NameQuoted, c.Separator.ToString(), c.Prefix(line), c.Quoted, c.Value(line))).ToList();

    private static void AssertSame(string line) => Assert.True(Expected(line).SequenceEqual(Actual(line)),
        $"differs on \"{Visible(line)}\": expected {string.Join(" | ", Expected(line))}, got {string.Join(" | ", Actual(line))}");

    /// <summary>The line with its control and non-ASCII characters as \uXXXX, for the failure message.</summary>
    private static string Visible(string line) => string.Concat(line.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:x4}" : c.ToString()));

    [Theory]
    [InlineData("SECRET_KEY = 'abc'")]
    [InlineData("web: DB_PASSWORD=x gunicorn app")]
    [InlineData("ENV DJANGO_SECRET_KEY s3cr3t-value")]
    [InlineData("  ENV\tA1 \"quoted value\"")]
    [InlineData("ENV A.B value")]
    [InlineData("export API_TOKEN=abc; echo")]
    [InlineData("KEY = env(\"DJANGO_KEY\", default=\"fallback-value\")")]
    [InlineData("x = env('A', default = (1))")]
    [InlineData("\"PASSWORD\": \"hunter22\", 'TOKEN':'t'")]
    [InlineData("K = rb'bytes' + f\"{x}\" + Rf'z' + rbf'no'")]
    [InlineData("a-b-c=d.e:f,g")]
    [InlineData("X = ''")]
    [InlineData("X = 'unterminated")]
    [InlineData("X=\r'y'")]
    [InlineData("ENV")]
    [InlineData("")]
    public void Matches_the_old_expression_on_chosen_lines(string line) => AssertSame(line);

    [Fact]
    public void Matches_the_old_expression_on_generated_lines()
    {
        const string alphabet = "aZ_9.-=:,  \t'\"rbfRBF([{})\rENVdefault\u00a0";
        var random = new Random(22);
        string[] pieces = ["ENV ", "default", "= ", "'", "\"", "export ", "KEY", "_PASSWORD", "rb'", "f\"", ": ", ", "];
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new System.Text.StringBuilder();
            var length = random.Next(0, 40);
            while (chars.Length < length)
                chars.Append(random.Next(3) == 0 ? pieces[random.Next(pieces.Length)] : alphabet[random.Next(alphabet.Length)].ToString());
            AssertSame(chars.ToString());
        }
    }

    [Fact]
    public void Matches_the_old_expression_on_every_line_of_the_examples()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "examples"), "*", SearchOption.AllDirectories))
            foreach (var line in File.ReadAllText(file).Split('\n'))
                AssertSame(line.TrimEnd('\r'));
    }

    [Fact]
    public void One_long_line_is_scanned_in_one_pass()
    {
        // The old expression needed minutes for this line (every "a=" scanned to the end of the
        // line); the scanner reads each character a bounded number of times.
        var line = string.Concat(Enumerable.Repeat("a=", 200_000));
        var found = AssignmentScanner.Scan(line);
        // Every "a" but the last is a name with a value (the last "a=" ends the line with nothing after it).
        Assert.Equal(199_999, found.Count);
        Assert.Equal((2, line.Length - 2), (found[0].ValueStart, found[0].ValueLength));
    }
    [Fact]
    public void A_line_of_overlapping_secret_assignments_is_searched_within_its_budget()
    {
        // Every candidate's value runs to the end of the line: judging each whole would copy and
        // read a megabyte a hundred thousand times. The line's budget stops that line's search, not the file's.
        var line = string.Concat(Enumerable.Repeat("DB_PASSWORD=", 100_000));
        var found = SecretScanner.Scan(".env", line + "\nAPI_TOKEN=Qx7rT2mW9kLp4vZs8nB3\n");
        Assert.Contains(found, s => s.Line == 2 && s.Value == "Qx7rT2mW9kLp4vZs8nB3");
    }
}
