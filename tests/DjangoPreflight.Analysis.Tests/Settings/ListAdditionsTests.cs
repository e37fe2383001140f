using DjangoPreflight.Analysis.Settings;

namespace DjangoPreflight.Analysis.Tests.Settings;

/// <summary>
/// A list the settings write out, to which something the evaluator cannot follow adds items (a
/// *-unpacking or a concatenation of an unknown value, an append under an undecidable condition or
/// in a loop over an unknown value): the written items are certainly there, in order, so Django's
/// "is X in MIDDLEWARE?" is answered yes; what else it holds is unknown (pretalx's and jumpserver's
/// MIDDLEWARE, jumpserver's ALLOWED_HOSTS, issue 16).
/// </summary>
public class ListAdditionsTests
{
    private const string Security = "django.middleware.security.SecurityMiddleware";

    private static string Shape(PyValue value) =>
        string.Join(" ", value.AsSequence!.Value.Select(i => i switch
        {
            PyStr s => s.Value[(s.Value.LastIndexOf('.') + 1)..],
            PyUnknownItems => "+?",
            _ => "?",
        }));

    [Fact]
    public void Written_items_stay_known_beside_unknown_additions()
    {
        using var shape = new SettingsShapes("list-additions");
        var m = shape.Production();
        var middleware = m["MIDDLEWARE"]!.Value;
        Assert.IsType<PyList>(middleware);
        // The *-unpacking keeps its place; the append under `if DEBUG:` may or may not be there.
        Assert.Equal("SecurityMiddleware +? SessionMiddleware CsrfViewMiddleware XFrameOptionsMiddleware +?", Shape(middleware));
        Assert.Contains("conf.EARLY_MIDDLEWARE", ((PyUnknownItems)middleware.AsSequence!.Value[1]).Reason, StringComparison.Ordinal);
        Assert.Contains("condition `DEBUG`", ((PyUnknownItems)middleware.AsSequence!.Value[5]).Reason, StringComparison.Ordinal);
        Assert.Equal("auth sessions +?", Shape(m["INSTALLED_APPS"]!.Value));
        Assert.Equal("org +?", Shape(m["ALLOWED_HOSTS"]!.Value));
        Assert.Contains("loop over `conf.EXTRA_DOMAINS`", ((PyUnknownItems)m["ALLOWED_HOSTS"]!.Value.AsSequence!.Value[1]).Reason, StringComparison.Ordinal);
        Assert.True(m["ALLOWED_HOSTS"]!.Value.Truthy);
    }

    [Fact]
    public void What_cannot_be_told_of_such_a_list_stays_unknown()
    {
        using var shape = new SettingsShapes("list-additions");
        var m = shape.Production();
        // A loop that rebinds the list (not only appends to it) leaves nothing known.
        Assert.False(m["CSRF_TRUSTED_ORIGINS"]!.IsKnown);
        // Only unknown items: it may be empty.
        Assert.Equal("+?", Shape(m["INTERNAL_IPS"]!.Value));
        Assert.Null(m["INTERNAL_IPS"]!.Value.Truthy);
        // Membership of a written item is known to the settings' own code; the length is not.
        Assert.Equal(new PyBool(true), m["SECURITY_FIRST"]!.Value);
        Assert.False(m["MIDDLEWARE_COUNT"]!.IsKnown);
    }

    [Fact]
    public void The_settings_report_shows_where_items_may_be_added()
    {
        using var shape = new SettingsShapes("list-additions");
        var text = SettingsOutput.Display("MIDDLEWARE", shape.Production()["MIDDLEWARE"]!.Value);
        Assert.StartsWith($"['{Security}', <any further items: ", text, StringComparison.Ordinal);
    }
}
