using DjangoPreflight.Core;

namespace DjangoPreflight.Reporting.Tests;

/// <summary>The message shown under a finding's title drops a leading repeat of that title.</summary>
public class FindingTextTests
{
    [Theory]
    [InlineData("STATIC_ROOT is not set", "STATIC_ROOT is not set: collectstatic has nowhere to put files.", "collectstatic has nowhere to put files.")]
    [InlineData("Logging is unfit for production", "LOGGING is unfit for production: it writes to files.", "it writes to files.")]
    [InlineData("No Content Security Policy.", "No Content Security Policy. MIDDLEWARE has no CSP middleware.", "MIDDLEWARE has no CSP middleware.")]
    [InlineData("ALLOWED_HOSTS is empty", "ALLOWED_HOSTS is empty", "ALLOWED_HOSTS is empty")]
    [InlineData("ALLOWED_HOSTS is empty", "ALLOWED_HOSTS is empty:", "ALLOWED_HOSTS is empty:")]
    [InlineData("DEBUG is on", "DEBUG is only on in dev.", "DEBUG is only on in dev.")]
    [InlineData("DEBUG is on", "DEBUG is on in the production settings.", "DEBUG is on in the production settings.")]
    [InlineData("SECRET_KEY is weak", "The key is short.", "The key is short.")]
    public void DropsOnlyALeadingTitleFollowedByPunctuation(string title, string message, string shown)
    {
        var finding = new Finding("DP000", null, Severity.Low, title, message, SourceLocation.None, null, Confidence.Certain);
        Assert.Equal(shown, FindingText.Message(finding));
    }
}
