namespace DjangoPreflight.Rules.DjangoChecks;

/// <summary>
/// How Django's two session-cookie checks choose their ID: when the flag is off, one warning if the
/// sessions app is installed, another if SessionMiddleware is, and a third replacing both when both are.
/// Neither installed means sessions are not used: nothing is reported.
/// </summary>
public static class SessionCookieFlag
{
    /// <summary>Whether to report, and the Django ID to report: <paramref name="appId"/> (app only),
    /// <paramref name="middlewareId"/> (middleware only) or <paramref name="bothId"/>. With unknowns,
    /// a maybe-installed part counts as installed for the choice of ID.</summary>
    public static (bool? Fires, string DjangoId) Decide(DeploySettings settings, string flag, string appId, string middlewareId, string bothId)
    {
        var off = !settings.CookieFlagOn(flag);
        var app = settings.Contains("INSTALLED_APPS", DeploySettings.SessionsApp);
        var middleware = settings.HasMiddleware(DeploySettings.SessionMiddleware);
        var id = app != false && middleware != false ? bothId : app != false ? appId : middlewareId;
        return (off & (app | middleware), id);
    }

    /// <summary>What the flag's value is, for the message: Django 4.1+ wants True itself.</summary>
    public static string Describe(DeploySettings settings, string flag) => settings.Value(flag) switch
    {
        Analysis.Settings.PyBool { Value: false } => $"{flag} is False",
        Analysis.Settings.PyBool => $"{flag} is True",
        { Truthy: true } => $"{flag} is truthy but not True (Django {(settings.AtLeast(4, 1) ? "4.1+ requires True itself" : "accepts it before 4.1")})",
        _ => $"{flag} is not True",
    };
}
