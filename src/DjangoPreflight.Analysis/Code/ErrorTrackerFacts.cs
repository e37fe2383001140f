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

    /// <summary>Every application file's initialisations (see <see cref="ApplicationCode"/>), ordered by location.</summary>
    public static ErrorTrackerFacts Load(IReadOnlyList<ApplicationCode> files) =>
        new(files.SelectMany(f => f.ErrorTrackerInits).OrderBy(f => f.Location.Path, StringComparer.Ordinal).ThenBy(f => f.Location.Line).ToList());

    /// <summary>Whether <c>from sentry_sdk import init</c> makes a bare <c>init(...)</c> of this module Sentry's.</summary>
    internal static bool ImportsSentryInit(Module module) =>
        module.Body.OfType<ImportFrom>().Any(i => i.ModuleName == "sentry_sdk" && i.Names.Any(n => n.Name == "init" && n.AsName is null));

    /// <summary>The error tracker <paramref name="call"/> initialises, or null.</summary>
    internal static ErrorTrackerInit? InitOf(string path, Call call, bool sentryInitImported)
    {
        // Every initialiser's callee ends in one of these; checking first spares building a dotted name per call.
        if (call.Func is not (Name { Id: "init" or "configure" or "Notifier" } or Attribute { Attr: "init" or "configure" or "Notifier" })) return null;
        var callee = DottedName.Callee(call);
        if (callee is null) return null;
        if (sentryInitImported && callee == "init") callee = "sentry_sdk.init";
        if (!Initialisers.TryGetValue(callee, out var tracker)) return null;
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
        return new ErrorTrackerInit(tracker, new SourceLocation(path, call.Lineno, call.ColOffset + 1), pii, piiAt);
    }
}
