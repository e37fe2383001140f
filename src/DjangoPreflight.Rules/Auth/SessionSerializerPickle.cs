using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP513: sessions are serialised with pickle, so whoever can write session data (with
/// signed-cookie sessions: whoever knows SECRET_KEY) runs code on the server.</summary>
public sealed class SessionSerializerPickle : ProductionSettingsRule
{
    public const string SignedCookies = "django.contrib.sessions.backends.signed_cookies";

    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP513",
        Title: "Sessions can execute code if the key leaks",
        Category: Category.Auth,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["+"],
        Docs: new RuleDocs(
            Why: """
                Unpickling runs code chosen by whoever wrote the data. With signed-cookie sessions the data
                comes from the client, protected only by SECRET_KEY: a leaked key becomes remote code
                execution. With server-side sessions, anyone who can write to the session store can do the same.
                """,
            Fix: """
                Use the default JSONSerializer (store only JSON-compatible values in sessions). Django 5.0
                removed PickleSerializer for this reason.
                """,
            Before: """
                SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
                SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"
                """,
            After: """
                SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
                """));

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["SESSION_SERIALIZER"] is not { IsDefault: false, Value: PyStr serializer }
            || !serializer.Value.Contains("Pickle", StringComparison.OrdinalIgnoreCase))
            yield break;
        if (settings["SESSION_ENGINE"]?.Value is PyStr { Value: SignedCookies })
            yield return Finding("Sessions are pickled and stored in signed cookies: anyone who learns SECRET_KEY can run code on the server.",
                settings.LocationOf("SESSION_SERIALIZER"), setting: "SESSION_SERIALIZER", severity: Severity.Critical);
        else
            yield return Finding($"SESSION_SERIALIZER is {serializer.Value}: session data is unpickled, so writing to the session store runs code.",
                settings.LocationOf("SESSION_SERIALIZER"), setting: "SESSION_SERIALIZER");
    }
}
