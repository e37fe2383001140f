using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>A call that initialises an error tracker (sentry_sdk.init, rollbar.init, ...).
/// <paramref name="SendDefaultPii"/> is Sentry's send_default_pii: true/false when written as a
/// literal (false when absent, Sentry's default), null when it is an expression.</summary>
public sealed record ErrorTrackerInit(string Tracker, SourceLocation Location, bool? SendDefaultPii, SourceLocation? SendDefaultPiiLocation);

/// <summary>Error trackers initialised anywhere in the project's application code (settings included).</summary>
public sealed class ErrorTrackerFacts
{
    // Callee (as written, dotted) → tracker name.
    private static readonly Dictionary<string, string> Initialisers = new(StringComparer.Ordinal)
    {
        ["sentry_sdk.init"] = "Sentry",
        ["rollbar.init"] = "Rollbar",
        ["bugsnag.configure"] = "Bugsnag",
        ["honeybadger.configure"] = "Honeybadger",
        ["airbrake.Notifier"] = "Airbrake",
    };

    public ErrorTrackerFacts(IReadOnlyList<ErrorTrackerInit> inits) => Inits = inits;

    /// <summary>Every initialisation, ordered by location.</summary>
    public IReadOnlyList<ErrorTrackerInit> Inits { get; }

    public static ErrorTrackerFacts Load(PythonSources sources)
    {
        var found = new List<ErrorTrackerInit>();
        foreach (var (path, parsed) in sources.ParsedApplicationFiles)
        {
            // `from sentry_sdk import init` makes a bare init(...) Sentry's.
            var sentryInitImported = parsed.Module.Body.OfType<ImportFrom>()
                .Any(i => i.ModuleName == "sentry_sdk" && i.Names.Any(n => n.Name == "init" && n.AsName is null));
            foreach (var call in AstWalker.DescendantsOfType<Call>(parsed.Module))
            {
                var callee = DottedName.Callee(call);
                if (callee is null) continue;
                if (sentryInitImported && callee == "init") callee = "sentry_sdk.init";
                if (!Initialisers.TryGetValue(callee, out var tracker)) continue;
                bool? pii = null;
                SourceLocation? piiAt = null;
                if (tracker == "Sentry")
                {
                    var keyword = call.Keywords.FirstOrDefault(k => k.Name == "send_default_pii");
                    pii = keyword is null ? false : keyword.Value is Constant { Value: bool b } ? b : null;
                    if (keyword is not null) piiAt = new SourceLocation(path, keyword.Lineno, keyword.ColOffset + 1);
                    // **options may carry it: then it cannot be told.
                    if (keyword is null && call.Keywords.Any(k => k.Name is null)) pii = null;
                }
                found.Add(new ErrorTrackerInit(tracker, new SourceLocation(path, call.Lineno, call.ColOffset + 1), pii, piiAt));
            }
        }
        return new ErrorTrackerFacts(found.OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.Line).ToList());
    }
}
