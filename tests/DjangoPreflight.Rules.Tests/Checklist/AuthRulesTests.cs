using DjangoPreflight.Analysis.Code;
using DjangoPreflight.Core;
using DjangoPreflight.Rules.Auth;
using DjangoPreflight.Rules.Tests.Support;
using static DjangoPreflight.Rules.Tests.Support.Settings;

namespace DjangoPreflight.Rules.Tests.Checklist;

public class AuthRulesTests
{
    private static readonly Core.SourceLocation Views = new("shop/views.py", 10, 1);

    [Fact]
    public void DP505_fires_on_none_and_on_values_django_rejects()
    {
        var s = Module().Set("SESSION_COOKIE_SAMESITE", S("None"), 116).Set("CSRF_COOKIE_SAMESITE", S("lax "), 117).Build();
        var findings = new CookieSameSiteNone().CheckSettings(s).ToList();
        Assert.Equal(2, findings.Count);
        Assert.Equal("CSRF_COOKIE_SAMESITE is \"lax \", which Django rejects (it must be \"Lax\", \"Strict\" or \"None\").", findings[0].Message);
        Assert.Equal(117, findings[0].Location.Line);
        Assert.Equal("SESSION_COOKIE_SAMESITE is \"None\": the cookie is sent on cross-site requests.", findings[1].Message);
        Assert.Equal(116, findings[1].Location.Line);
    }

    [Fact]
    public void DP505_is_silent_for_lax_strict_defaults_and_false()
    {
        var s = Module().Set("SESSION_COOKIE_SAMESITE", S("Strict"), 116).Set("CSRF_COOKIE_SAMESITE", B(false), 117).Default("LANGUAGE_COOKIE_SAMESITE", PyNoneValue()).Build();
        FindingAssert.None(new CookieSameSiteNone().CheckSettings(s));
        FindingAssert.None(new CookieSameSiteNone().CheckSettings(Module().Default("SESSION_COOKIE_SAMESITE", S("Lax")).Build()));
    }

    private static Analysis.Settings.PyValue PyNoneValue() => Analysis.Settings.PyNone.Instance;

    [Fact]
    public void DP506_fires_only_when_a_weak_hasher_is_first()
    {
        var s = Module().Set("PASSWORD_HASHERS", Ls("django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"), 86).Build();
        FindingAssert.Single(new WeakPasswordHasher().CheckSettings(s), "DP506", SettingsFile, 86,
            "The first PASSWORD_HASHERS entry is MD5PasswordHasher: new passwords are stored with a weak hash.");
        var upgrade = Module().Set("PASSWORD_HASHERS", Ls("django.contrib.auth.hashers.PBKDF2PasswordHasher", "django.contrib.auth.hashers.MD5PasswordHasher"), 86).Build();
        FindingAssert.None(new WeakPasswordHasher().CheckSettings(upgrade));
        FindingAssert.None(new WeakPasswordHasher().CheckSettings(Module().Default("PASSWORD_HASHERS", Ls("django.contrib.auth.hashers.PBKDF2PasswordHasher")).Build()));
    }

    [Fact]
    public void DP507_fires_when_argon2_is_used_but_not_declared()
    {
        var s = Module().Set("PASSWORD_HASHERS", Ls(Argon2DependencyMissing.Argon2Hasher, "django.contrib.auth.hashers.PBKDF2PasswordHasher"), 78).Build();
        FindingAssert.Single(new Argon2DependencyMissing().CheckSettings(s, ["requirements.txt"], declared: false), "DP507", SettingsFile, 78,
            "PASSWORD_HASHERS uses Argon2PasswordHasher but argon2-cffi is not declared in requirements.txt: new passwords cannot be hashed without it.");
        FindingAssert.None(new Argon2DependencyMissing().CheckSettings(s, ["requirements.txt"], declared: true));
        FindingAssert.None(new Argon2DependencyMissing().CheckSettings(s, [], declared: false));
        var noArgon = Module().Set("PASSWORD_HASHERS", Ls("django.contrib.auth.hashers.PBKDF2PasswordHasher"), 78).Build();
        FindingAssert.None(new Argon2DependencyMissing().CheckSettings(noArgon, ["requirements.txt"], declared: false));
    }

    [Fact]
    public void DP508_fires_on_empty_validators_and_short_minimum()
    {
        FindingAssert.Single(new PasswordValidationWeak().CheckSettings(Module().Default("AUTH_PASSWORD_VALIDATORS", L()).Build()), "DP508", SettingsFile, 1,
            "AUTH_PASSWORD_VALIDATORS is not set: any password is accepted.");
        var six = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S("django.contrib.auth.password_validation.MinimumLengthValidator")), ("OPTIONS", D(("min_length", I(6)))))), 92).Build();
        var f = FindingAssert.Single(new PasswordValidationWeak().CheckSettings(six), "DP508", SettingsFile, 92,
            "MinimumLengthValidator allows passwords of 6 characters; require at least 12.");
        Assert.Equal(Severity.Low, f.Severity);
        var dflt = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S("django.contrib.auth.password_validation.MinimumLengthValidator")))), 92).Build();
        FindingAssert.Single(new PasswordValidationWeak().CheckSettings(dflt), "DP508", SettingsFile, 92,
            "MinimumLengthValidator allows passwords of 8 characters (its default); require at least 12.");
    }

    [Fact]
    public void DP508_is_silent_for_twelve_or_more_and_for_unknown_options()
    {
        var twelve = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S("django.contrib.auth.password_validation.MinimumLengthValidator")), ("OPTIONS", D(("min_length", I(12)))))), 92).Build();
        var unknown = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S("django.contrib.auth.password_validation.MinimumLengthValidator")), ("OPTIONS", D(("min_length", U()))))), 92).Build();
        FindingAssert.None(new PasswordValidationWeak().CheckSettings(twelve));
        FindingAssert.None(new PasswordValidationWeak().CheckSettings(unknown));
    }

    [Fact]
    public void DP508_counts_a_custom_validator_that_enforces_a_minimum_length()
    {
        const string Common = "django.contrib.auth.password_validation.CommonPasswordValidator";
        // A custom length validator with its own min_length is judged by it, named as it is.
        var customShort = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S(Common))),
            D(("NAME", S("accounts.validators.LengthValidator")), ("OPTIONS", D(("min_length", I(10)))))), 92).Build();
        FindingAssert.Single(new PasswordValidationWeak().CheckSettings(customShort), "DP508", SettingsFile, 92,
            "LengthValidator allows passwords of 10 characters; require at least 12.");
        var customLong = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S("accounts.validators.LengthValidator")), ("OPTIONS", D(("min_length", I(14)))))), 92).Build();
        FindingAssert.None(new PasswordValidationWeak().CheckSettings(customLong));
        // A custom validator without options may enforce a length: "no minimum length" is not verified.
        var opaque = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S(Common))), D(("NAME", S("accounts.validators.StrongPassword")))), 92).Build();
        FindingAssert.None(new PasswordValidationWeak().CheckSettings(opaque));
        // Only Django's own validators, none of them the length one: that is verified.
        var djangoOnly = Module().Set("AUTH_PASSWORD_VALIDATORS", L(D(("NAME", S(Common)))), 92).Build();
        FindingAssert.Single(new PasswordValidationWeak().CheckSettings(djangoOnly), "DP508", SettingsFile, 92,
            "AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator: passwords have no minimum length.");
    }

    [Fact]
    public void DP509_fires_on_unset_and_explicit_allow_any()
    {
        var unset = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18).Set("REST_FRAMEWORK", D(("PAGE_SIZE", I(50))), 130).Build();
        FindingAssert.Single(new ApiPermissionAllowAny().CheckSettings(unset), "DP509", SettingsFile, 130,
            "REST_FRAMEWORK sets no DEFAULT_PERMISSION_CLASSES, so DRF's default AllowAny applies to every API view without its own.");
        var allowAny = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18)
            .Set("REST_FRAMEWORK", D(("DEFAULT_PERMISSION_CLASSES", Ls("rest_framework.permissions.AllowAny"))), 130).Build();
        FindingAssert.Single(new ApiPermissionAllowAny().CheckSettings(allowAny), "DP509", SettingsFile, 130,
            "REST_FRAMEWORK DEFAULT_PERMISSION_CLASSES is AllowAny: every API view without its own permission_classes is open.");
    }

    [Fact]
    public void DP509_is_silent_for_authenticated_defaults_or_without_drf()
    {
        var auth = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18)
            .Set("REST_FRAMEWORK", D(("DEFAULT_PERMISSION_CLASSES", Ls("rest_framework.permissions.AllowAny", "rest_framework.permissions.IsAuthenticated"))), 130).Build();
        FindingAssert.None(new ApiPermissionAllowAny().CheckSettings(auth));
        FindingAssert.None(new ApiPermissionAllowAny().CheckSettings(Module().Set("INSTALLED_APPS", Ls("django.contrib.admin"), 18).Build()));
    }

    [Fact]
    public void DP510_fires_without_any_throttle_and_is_silent_with_a_default_or_a_view_throttle()
    {
        var s = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18).Set("REST_FRAMEWORK", D(("PAGE_SIZE", I(50))), 130).Build();
        FindingAssert.Single(new ApiThrottlingMissing().CheckSettings(s, new ViewFacts([], [])), "DP510", SettingsFile, 130,
            "DRF throttling is not configured: REST_FRAMEWORK has no DEFAULT_THROTTLE_CLASSES and no view sets throttle_classes.");
        var throttled = new ViewInfo("Login", Views, true, true, null, null, null, new DeclaredClasses(["ScopedRateThrottle"], Views), [], false);
        FindingAssert.None(new ApiThrottlingMissing().CheckSettings(s, new ViewFacts([throttled], [])));
        var withDefault = Module().Set("INSTALLED_APPS", Ls("rest_framework"), 18)
            .Set("REST_FRAMEWORK", D(("DEFAULT_THROTTLE_CLASSES", Ls("rest_framework.throttling.AnonRateThrottle"))), 130).Build();
        FindingAssert.None(new ApiThrottlingMissing().CheckSettings(withDefault, new ViewFacts([], [])));
    }

    [Fact]
    public void DP513_fires_on_pickle_and_is_critical_with_signed_cookies()
    {
        var s = Module().Set("SESSION_ENGINE", S(SessionSerializerPickle.SignedCookies), 113).Set("SESSION_SERIALIZER", S("shop.serializers.PickleSerializer"), 114).Build();
        var f = FindingAssert.Single(new SessionSerializerPickle().CheckSettings(s), "DP513", SettingsFile, 114,
            "Sessions are pickled and stored in signed cookies: anyone who learns SECRET_KEY can run code on the server.");
        Assert.Equal(Severity.Critical, f.Severity);
        var db = Module().Set("SESSION_SERIALIZER", S("django.contrib.sessions.serializers.PickleSerializer"), 114).Build();
        FindingAssert.Single(new SessionSerializerPickle().CheckSettings(db), "DP513", SettingsFile, 114,
            "SESSION_SERIALIZER is django.contrib.sessions.serializers.PickleSerializer: session data is unpickled, so writing to the session store runs code.");
        FindingAssert.None(new SessionSerializerPickle().CheckSettings(Module().Set("SESSION_SERIALIZER", S("django.contrib.sessions.serializers.JSONSerializer"), 114).Build()));
    }
}
