namespace DjangoPreflight.Reporting.Tests;

public class TextWrapTests
{
    [Fact]
    public void WithoutAWidthNothingWraps() =>
        Assert.Equal(["one two three", "four"], TextWrap.Lines("one two three\nfour", 10, 10, null));

    [Fact]
    public void TheFirstLineStartsAtItsColumnTheOthersAtTheIndent() =>
        // 40 wide: the first line starts at 30 (10 left, but never under 20), the others at 4 (36 left).
        Assert.Equal(["alpha beta gamma", "delta epsilon zeta eta theta iota", "kappa lambda"],
            TextWrap.Lines("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda", 30, 4, 40));

    [Fact]
    public void ALongWordStaysWholeOnItsOwnLine() =>
        Assert.Equal(["see", "https://example.com/a/very/long/path/indeed", "now"],
            TextWrap.Lines("see https://example.com/a/very/long/path/indeed now", 0, 0, 25));

    [Fact]
    public void EmbeddedLineBreaksAreKept() =>
        Assert.Equal(["a b", "c d"], TextWrap.Lines("a b\r\nc d", 0, 0, 80));
}
