using System.Text.Json;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Rules.Disclosure;
using static DjangoPreflight.Rules.Tests.Support.Settings;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>
/// DP208 says a LOGGING disables django.request exactly when real Django, applying it at setup,
/// leaves that logger disabled and an error it logs reaches no handler (logging_disabled_probe.py).
/// </summary>
public sealed class LoggingDisabledDifferentialTests
{
    // Each variant's handlers: one console handler.
    private const string Console = """{"console": {"class": "logging.StreamHandler"}}""";

    public static TheoryData<string, string> Variants => new()
    {
        { "", """{"version": 1, "handlers": CONSOLE, "loggers": {"shop": {"handlers": ["console"]}}}""" },
        { "trixie", """{"version": 1, "disable_existing_loggers": true, "handlers": CONSOLE, "root": {"handlers": ["console"]}}""" },
        { "sid", """{"version": 1, "disable_existing_loggers": false, "handlers": CONSOLE, "loggers": {"shop": {"handlers": ["console"]}}}""" },
        { "experimental", """{"version": 1, "disable_existing_loggers": true, "handlers": CONSOLE, "loggers": {"django": {"handlers": ["console"]}}}""" },
        { "", """{"version": 1, "handlers": CONSOLE, "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}""" },
        { "trixie", """{"version": 1, "handlers": CONSOLE, "loggers": {"django.security": {"handlers": ["console"]}}}""" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Dp208_says_django_request_is_disabled_exactly_when_real_django_disables_it(string suite, string logging)
    {
        logging = logging.Replace("CONSOLE", Console, StringComparison.Ordinal);
        var release = RealDjango.Release(suite);
        var (exit, stdout, stderr) = RealDjango.Run(release.Python, [Path.Combine(RealDjango.TestDirectory, "logging_disabled_probe.py"), logging],
            new Dictionary<string, string> { ["PYTHONPATH"] = release.PythonPath });
        Assert.True(exit == 0, stderr);
        using var real = JsonDocument.Parse(stdout);
        var disabled = real.RootElement.GetProperty("disabled").GetBoolean();
        // A disabled logger drops the record: no handler anywhere sees it.
        Assert.Equal(!disabled, real.RootElement.GetProperty("reached_root").GetBoolean());

        using var json = JsonDocument.Parse(logging);
        var settings = Module().Set("LOGGING", Py(json.RootElement), 150).Build();
        var said = new LoggingUnfitForProduction().CheckSettings(settings).Any(f => f.Message.Contains("django.request logger is disabled", StringComparison.Ordinal));
        Assert.Equal(disabled, said);
    }

    private static PyValue Py(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => D(e.EnumerateObject().Select(p => (p.Name, Py(p.Value))).ToArray()),
        JsonValueKind.Array => L(e.EnumerateArray().Select(Py).ToArray()),
        JsonValueKind.String => S(e.GetString()!),
        JsonValueKind.True or JsonValueKind.False => B(e.GetBoolean()),
        JsonValueKind.Number => I(e.GetInt64()),
        _ => throw new ArgumentException($"no Python value for {e.ValueKind}"),
    };
}
