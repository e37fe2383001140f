using DjangoPreflight.Probe.Observing;

namespace DjangoPreflight.Probe.Tests;

public sealed class SetCookieTests
{
    [Fact]
    public void ParsesDjangosCsrfCookie() =>
        Assert.Equal(new SetCookie("csrftoken", true, false, "Lax", "/admin/login/"),
            SetCookie.Parse("csrftoken=AbC123; expires=Sun, 21 Nov 2027 12:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax; Secure", "/admin/login/"));

    [Fact]
    public void AttributesAreCaseInsensitive() =>
        Assert.Equal(new SetCookie("sessionid", true, true, "None", "/"), SetCookie.Parse("sessionid=x; HTTPONLY; secure; samesite=None", "/"));

    [Fact]
    public void ANameWithoutValueSeparatorIsNotACookie() => Assert.Null(SetCookie.Parse("garbage", "/"));
}
