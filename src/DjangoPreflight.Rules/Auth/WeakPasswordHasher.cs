using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Auth;

/// <summary>DP506: new passwords are stored with a fast or unsalted hash (the first entry of
/// PASSWORD_HASHERS is what Django uses for new and upgraded passwords).</summary>
public sealed class WeakPasswordHasher : ProductionSettingsRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP506",
        Title: "The password hasher is weak",
        Category: Category.Auth,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                MD5, SHA1 and crypt hashes can be computed billions of times per second, and unsalted ones
                fall to precomputed tables: a leaked user table becomes a list of passwords. Fast hashers are
                only meant for test settings.
                """,
            Fix: """
                Put Argon2PasswordHasher (with argon2-cffi installed) or Django's default PBKDF2PasswordHasher
                first; keep old hashers after it so existing passwords are upgraded at next login.
                """,
            Before: """
                PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
                """,
            After: """
                PASSWORD_HASHERS = [
                    "django.contrib.auth.hashers.Argon2PasswordHasher",
                    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
                ]
                """));

    private static readonly string[] Weak =
    [
        "MD5PasswordHasher", "UnsaltedMD5PasswordHasher", "SHA1PasswordHasher", "UnsaltedSHA1PasswordHasher", "CryptPasswordHasher",
    ];

    public override IEnumerable<Finding> CheckSettings(SettingsModel settings, SettingLocator? locator = null)
    {
        if (settings["PASSWORD_HASHERS"] is not { IsDefault: false } hashers || hashers.Value.AsSequence is not { Length: > 0 } items
            || items[0] is not PyStr first)
            yield break;
        var name = first.Value[(first.Value.LastIndexOf('.') + 1)..];
        if (Weak.Contains(name, StringComparer.Ordinal))
            yield return Finding($"The first PASSWORD_HASHERS entry is {name}: new passwords are stored with a weak hash.",
                At(settings, locator, "PASSWORD_HASHERS", first.Value), setting: "PASSWORD_HASHERS");
    }
}
