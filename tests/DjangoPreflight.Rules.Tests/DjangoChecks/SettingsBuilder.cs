using System.Collections.Immutable;
using System.Numerics;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.DjangoChecks;

namespace DjangoPreflight.Rules.Tests.DjangoChecks;

/// <summary>Builds a production settings model by hand, as the evaluator would leave it: each setting
/// assigned on its own line of proj/settings.py, in the order given.</summary>
public sealed class SettingsBuilder
{
    public const string File = "proj/settings.py";
    private readonly Dictionary<string, Setting> _settings = new(StringComparer.Ordinal);
    private int _line = 1;

    public SettingsBuilder Set(string name, PyValue value)
    {
        _settings[name] = new Setting(name, value, new SourceLocation(File, ++_line, 1), [], new Dictionary<string, PyValue>());
        return this;
    }

    public SettingsBuilder Set(string name, bool value) => Set(name, new PyBool(value));

    public SettingsBuilder Set(string name, int value) => Set(name, new PyInt(new BigInteger(value)));

    public SettingsBuilder Set(string name, string value) => Set(name, new PyStr(value));

    public SettingsBuilder List(string name, params string[] items) => Set(name, L(items));

    /// <summary>The line <paramref name="name"/> was assigned on.</summary>
    public int LineOf(string name) => _settings[name].Source!.Line!.Value;

    public SettingsModel Build() => new("proj.settings", File, _settings, ["test"]);

    public DeploySettings For(string? version) =>
        new(Build(), version is null ? null : DjangoTarget.TryParseLeading(version));

    public static PyList L(params string[] items) => new(items.Select(i => (PyValue)new PyStr(i)).ToImmutableArray());

    public static PyList L(params PyValue[] items) => new(items.ToImmutableArray());

    /// <summary>The settings of a sound deployment: no deploy check fires on them.</summary>
    public static SettingsBuilder Hardened() => new SettingsBuilder()
        .Set("DEBUG", false)
        .Set("SECRET_KEY", "k3J!x9#pQ2@vL8$wR5^tY1&zN6*mB4(cF7)hD0-gS3_aE2+uI9")
        .List("ALLOWED_HOSTS", "shop.example.com")
        .List("INSTALLED_APPS", "django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions")
        .List("MIDDLEWARE", DeploySettings.SecurityMiddleware, DeploySettings.SessionMiddleware, DeploySettings.CsrfMiddleware,
            DeploySettings.XFrameOptionsMiddleware)
        .Set("SECURE_SSL_REDIRECT", true)
        .Set("SECURE_HSTS_SECONDS", 31536000)
        .Set("SECURE_HSTS_INCLUDE_SUBDOMAINS", true)
        .Set("SECURE_HSTS_PRELOAD", true)
        .Set("SESSION_COOKIE_SECURE", true)
        .Set("CSRF_COOKIE_SECURE", true);
}
