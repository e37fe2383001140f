namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// Django's global defaults (django/conf/global_settings.py) for a targeted version. The table is
/// Django 3.2's, generated from Debian's installed copy; <see cref="For"/> applies each release's
/// documented changes on top, so a project that sets nothing is judged by the defaults it really gets.
/// The differential tests compare the result name by name and value by value with the real
/// global_settings of 3.2, 4.2, 5.2 and 6.1.
/// </summary>
public static class DjangoDefaults
{
    /// <summary>When no version is known we assume the newest supported LTS.</summary>
    public static readonly DjangoVersion NewestLts = new(5, 2);

    public static IReadOnlyDictionary<string, PyValue> For(DjangoVersion version)
    {
        var d = new Dictionary<string, PyValue>(Django32, StringComparer.Ordinal);
        if (version < new DjangoVersion(3, 0))
        {
            d["X_FRAME_OPTIONS"] = S("SAMEORIGIN");
            d["SECURE_CONTENT_TYPE_NOSNIFF"] = B(false);
            d["FILE_UPLOAD_PERMISSIONS"] = N;
            d.Remove("SECURE_REFERRER_POLICY");
            d.Remove("LANGUAGE_COOKIE_SECURE");
            d.Remove("LANGUAGE_COOKIE_HTTPONLY");
            d.Remove("LANGUAGE_COOKIE_SAMESITE");
        }
        else if (version < new DjangoVersion(3, 1))
        {
            d["SECURE_REFERRER_POLICY"] = N;
        }
        if (version < new DjangoVersion(3, 1))
        {
            d.Remove("PASSWORD_RESET_TIMEOUT");
            d.Remove("DEFAULT_HASHING_ALGORITHM");
        }
        if (version < new DjangoVersion(3, 2))
            d.Remove("DEFAULT_AUTO_FIELD");
        if (version >= new DjangoVersion(4, 0))
        {
            d.Remove("SECURE_BROWSER_XSS_FILTER");
            d.Remove("DEFAULT_HASHING_ALGORITHM");
            d.Remove("PASSWORD_RESET_TIMEOUT_DAYS");
            d["SECURE_CROSS_ORIGIN_OPENER_POLICY"] = S("same-origin");
            d["USE_L10N"] = B(true);
            d["USE_DEPRECATED_PYTZ"] = B(false);
            d["PASSWORD_HASHERS"] = L(
                S("django.contrib.auth.hashers.PBKDF2PasswordHasher"),
                S("django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher"),
                S("django.contrib.auth.hashers.Argon2PasswordHasher"),
                S("django.contrib.auth.hashers.BCryptSHA256PasswordHasher"),
                S("django.contrib.auth.hashers.ScryptPasswordHasher"));
            AddLanguage(d, "ms", "Malay");
        }
        if (version >= new DjangoVersion(4, 1))
        {
            d["SECRET_KEY_FALLBACKS"] = L();
            d["CSRF_COOKIE_MASKED"] = B(false);
        }
        if (version >= new DjangoVersion(4, 2))
        {
            d["STORAGES"] = D(
                (S("default"), D((S("BACKEND"), S("django.core.files.storage.FileSystemStorage")))),
                (S("staticfiles"), D((S("BACKEND"), S("django.contrib.staticfiles.storage.StaticFilesStorage")))));
            AddLanguage(d, "ckb", "Central Kurdish (Sorani)", bidi: true);
        }
        if (version >= new DjangoVersion(5, 0))
        {
            d["USE_TZ"] = B(true);
            d.Remove("USE_L10N");
            d.Remove("USE_DEPRECATED_PYTZ");
            d.Remove("CSRF_COOKIE_MASKED");
            d["FORMS_URLFIELD_ASSUME_HTTPS"] = B(false);
            AddLanguage(d, "ug", "Uyghur", bidi: true);
        }
        if (version >= new DjangoVersion(5, 1))
        {
            d.Remove("DEFAULT_FILE_STORAGE");
            d.Remove("STATICFILES_STORAGE");
        }
        // The fix for CVE-2026-6873 (5.2.15, 6.0.6) added a transitional setting, on by default until 6.1.
        if (version >= new DjangoVersion(5, 2, 15) && version.Series == "5.2" || version >= new DjangoVersion(6, 0, 6))
            d["SIGNED_COOKIE_LEGACY_SALT_FALLBACK"] = B(true);
        if (version >= new DjangoVersion(6, 0))
        {
            d.Remove("FORMS_URLFIELD_ASSUME_HTTPS");
            d["DEFAULT_AUTO_FIELD"] = S("django.db.models.BigAutoField");
            d["SECURE_CSP"] = D();
            d["SECURE_CSP_REPORT_ONLY"] = D();
            d["TASKS"] = D((S("default"), D((S("BACKEND"), S("django.tasks.backends.immediate.ImmediateBackend")))));
            d["URLIZE_ASSUME_HTTPS"] = B(false);
            AddLanguage(d, "ht", "Haitian Creole");
        }
        if (version >= new DjangoVersion(6, 1))
        {
            d["SIGNED_COOKIE_LEGACY_SALT_FALLBACK"] = B(false);
            d["USE_BLANK_CHOICE_DASH"] = B(false);
            // MAILERS has no default: global_settings.py only documents it in a comment, and Django
            // tells "set" from "unset" by is_overridden("MAILERS").
        }
        return d;
    }

    /// <summary>A language Django added in a release, at its place in LANGUAGES (sorted by code, as
    /// Django keeps it) and, for a right-to-left one, LANGUAGES_BIDI (Django inserts it in
    /// alphabetical order too, after the Arabic variants).</summary>
    private static void AddLanguage(Dictionary<string, PyValue> d, string code, string name, bool bidi = false)
    {
        var languages = ((PyList)d["LANGUAGES"]).Items.ToList();
        var at = languages.FindIndex(l => string.CompareOrdinal(((PyStr)((PyTuple)l).Items[0]).Value, code) > 0);
        languages.Insert(at < 0 ? languages.Count : at, T(S(code), S(name)));
        d["LANGUAGES"] = L([.. languages]);
        if (!bidi) return;
        var rtl = ((PyList)d["LANGUAGES_BIDI"]).Items.ToList();
        var after = rtl.FindIndex(l => l is PyStr s && s.Value is not ("he" or "ar" or "ar-dz") && string.CompareOrdinal(s.Value, code) > 0);
        rtl.Insert(after < 0 ? rtl.Count : after, S(code));
        d["LANGUAGES_BIDI"] = L([.. rtl]);
    }

    private static PyValue N => PyNone.Instance;
    private static PyValue S(string v) => new PyStr(v);
    private static PyValue B(bool v) => new PyBool(v);
    private static PyValue I(long v) => new PyInt(v);
    private static PyValue L(params PyValue[] items) => new PyList([.. items]);
    private static PyValue T(params PyValue[] items) => new PyTuple([.. items]);
    private static PyValue D(params (PyValue Key, PyValue Value)[] entries) =>
        new PyDict([.. entries.Select(e => new KeyValuePair<PyValue, PyValue>(e.Key, e.Value))]);

    // Generated from Django 3.2.25's global_settings.py (every upper-case name, literal values).
    private static readonly Dictionary<string, PyValue> Django32 = new(StringComparer.Ordinal)
    {
        ["ABSOLUTE_URL_OVERRIDES"] = D(),
        ["ADMINS"] = L(),
        ["ALLOWED_HOSTS"] = L(),
        ["APPEND_SLASH"] = B(true),
        ["AUTHENTICATION_BACKENDS"] = L(S("django.contrib.auth.backends.ModelBackend")),
        ["AUTH_PASSWORD_VALIDATORS"] = L(),
        ["AUTH_USER_MODEL"] = S("auth.User"),
        ["CACHES"] = D((S("default"), D((S("BACKEND"), S("django.core.cache.backends.locmem.LocMemCache"))))),
        ["CACHE_MIDDLEWARE_ALIAS"] = S("default"),
        ["CACHE_MIDDLEWARE_KEY_PREFIX"] = S(""),
        ["CACHE_MIDDLEWARE_SECONDS"] = I(600),
        ["CSRF_COOKIE_AGE"] = I(31449600),
        ["CSRF_COOKIE_DOMAIN"] = N,
        ["CSRF_COOKIE_HTTPONLY"] = B(false),
        ["CSRF_COOKIE_NAME"] = S("csrftoken"),
        ["CSRF_COOKIE_PATH"] = S("/"),
        ["CSRF_COOKIE_SAMESITE"] = S("Lax"),
        ["CSRF_COOKIE_SECURE"] = B(false),
        ["CSRF_FAILURE_VIEW"] = S("django.views.csrf.csrf_failure"),
        ["CSRF_HEADER_NAME"] = S("HTTP_X_CSRFTOKEN"),
        ["CSRF_TRUSTED_ORIGINS"] = L(),
        ["CSRF_USE_SESSIONS"] = B(false),
        ["DATABASES"] = D(),
        ["DATABASE_ROUTERS"] = L(),
        ["DATA_UPLOAD_MAX_MEMORY_SIZE"] = I(2621440),
        ["DATA_UPLOAD_MAX_NUMBER_FIELDS"] = I(1000),
        ["DATA_UPLOAD_MAX_NUMBER_FILES"] = I(100),
        ["DATETIME_FORMAT"] = S("N j, Y, P"),
        ["DATETIME_INPUT_FORMATS"] = L(S("%Y-%m-%d %H:%M:%S"), S("%Y-%m-%d %H:%M:%S.%f"), S("%Y-%m-%d %H:%M"), S("%m/%d/%Y %H:%M:%S"), S("%m/%d/%Y %H:%M:%S.%f"), S("%m/%d/%Y %H:%M"), S("%m/%d/%y %H:%M:%S"), S("%m/%d/%y %H:%M:%S.%f"), S("%m/%d/%y %H:%M")),
        ["DATE_FORMAT"] = S("N j, Y"),
        ["DATE_INPUT_FORMATS"] = L(S("%Y-%m-%d"), S("%m/%d/%Y"), S("%m/%d/%y"), S("%b %d %Y"), S("%b %d, %Y"), S("%d %b %Y"), S("%d %b, %Y"), S("%B %d %Y"), S("%B %d, %Y"), S("%d %B %Y"), S("%d %B, %Y")),
        ["DEBUG"] = B(false),
        ["DEBUG_PROPAGATE_EXCEPTIONS"] = B(false),
        ["DECIMAL_SEPARATOR"] = S("."),
        ["DEFAULT_AUTO_FIELD"] = S("django.db.models.AutoField"),
        ["DEFAULT_CHARSET"] = S("utf-8"),
        ["DEFAULT_EXCEPTION_REPORTER"] = S("django.views.debug.ExceptionReporter"),
        ["DEFAULT_EXCEPTION_REPORTER_FILTER"] = S("django.views.debug.SafeExceptionReporterFilter"),
        ["DEFAULT_FILE_STORAGE"] = S("django.core.files.storage.FileSystemStorage"),
        ["DEFAULT_FROM_EMAIL"] = S("webmaster@localhost"),
        ["DEFAULT_HASHING_ALGORITHM"] = S("sha256"),
        ["DEFAULT_INDEX_TABLESPACE"] = S(""),
        ["DEFAULT_TABLESPACE"] = S(""),
        ["DISALLOWED_USER_AGENTS"] = L(),
        ["EMAIL_BACKEND"] = S("django.core.mail.backends.smtp.EmailBackend"),
        ["EMAIL_HOST"] = S("localhost"),
        ["EMAIL_HOST_PASSWORD"] = S(""),
        ["EMAIL_HOST_USER"] = S(""),
        ["EMAIL_PORT"] = I(25),
        ["EMAIL_SSL_CERTFILE"] = N,
        ["EMAIL_SSL_KEYFILE"] = N,
        ["EMAIL_SUBJECT_PREFIX"] = S("[Django] "),
        ["EMAIL_TIMEOUT"] = N,
        ["EMAIL_USE_LOCALTIME"] = B(false),
        ["EMAIL_USE_SSL"] = B(false),
        ["EMAIL_USE_TLS"] = B(false),
        ["FILE_UPLOAD_DIRECTORY_PERMISSIONS"] = N,
        ["FILE_UPLOAD_HANDLERS"] = L(S("django.core.files.uploadhandler.MemoryFileUploadHandler"), S("django.core.files.uploadhandler.TemporaryFileUploadHandler")),
        ["FILE_UPLOAD_MAX_MEMORY_SIZE"] = I(2621440),
        ["FILE_UPLOAD_PERMISSIONS"] = I(420),
        ["FILE_UPLOAD_TEMP_DIR"] = N,
        ["FIRST_DAY_OF_WEEK"] = I(0),
        ["FIXTURE_DIRS"] = L(),
        ["FORCE_SCRIPT_NAME"] = N,
        ["FORMAT_MODULE_PATH"] = N,
        ["FORM_RENDERER"] = S("django.forms.renderers.DjangoTemplates"),
        ["IGNORABLE_404_URLS"] = L(),
        ["INSTALLED_APPS"] = L(),
        ["INTERNAL_IPS"] = L(),
        ["LANGUAGES"] = L(T(S("af"), S("Afrikaans")), T(S("ar"), S("Arabic")), T(S("ar-dz"), S("Algerian Arabic")), T(S("ast"), S("Asturian")), T(S("az"), S("Azerbaijani")), T(S("bg"), S("Bulgarian")), T(S("be"), S("Belarusian")), T(S("bn"), S("Bengali")), T(S("br"), S("Breton")), T(S("bs"), S("Bosnian")), T(S("ca"), S("Catalan")), T(S("cs"), S("Czech")), T(S("cy"), S("Welsh")), T(S("da"), S("Danish")), T(S("de"), S("German")), T(S("dsb"), S("Lower Sorbian")), T(S("el"), S("Greek")), T(S("en"), S("English")), T(S("en-au"), S("Australian English")), T(S("en-gb"), S("British English")), T(S("eo"), S("Esperanto")), T(S("es"), S("Spanish")), T(S("es-ar"), S("Argentinian Spanish")), T(S("es-co"), S("Colombian Spanish")), T(S("es-mx"), S("Mexican Spanish")), T(S("es-ni"), S("Nicaraguan Spanish")), T(S("es-ve"), S("Venezuelan Spanish")), T(S("et"), S("Estonian")), T(S("eu"), S("Basque")), T(S("fa"), S("Persian")), T(S("fi"), S("Finnish")), T(S("fr"), S("French")), T(S("fy"), S("Frisian")), T(S("ga"), S("Irish")), T(S("gd"), S("Scottish Gaelic")), T(S("gl"), S("Galician")), T(S("he"), S("Hebrew")), T(S("hi"), S("Hindi")), T(S("hr"), S("Croatian")), T(S("hsb"), S("Upper Sorbian")), T(S("hu"), S("Hungarian")), T(S("hy"), S("Armenian")), T(S("ia"), S("Interlingua")), T(S("id"), S("Indonesian")), T(S("ig"), S("Igbo")), T(S("io"), S("Ido")), T(S("is"), S("Icelandic")), T(S("it"), S("Italian")), T(S("ja"), S("Japanese")), T(S("ka"), S("Georgian")), T(S("kab"), S("Kabyle")), T(S("kk"), S("Kazakh")), T(S("km"), S("Khmer")), T(S("kn"), S("Kannada")), T(S("ko"), S("Korean")), T(S("ky"), S("Kyrgyz")), T(S("lb"), S("Luxembourgish")), T(S("lt"), S("Lithuanian")), T(S("lv"), S("Latvian")), T(S("mk"), S("Macedonian")), T(S("ml"), S("Malayalam")), T(S("mn"), S("Mongolian")), T(S("mr"), S("Marathi")), T(S("my"), S("Burmese")), T(S("nb"), S("Norwegian Bokm\u00e5l")), T(S("ne"), S("Nepali")), T(S("nl"), S("Dutch")), T(S("nn"), S("Norwegian Nynorsk")), T(S("os"), S("Ossetic")), T(S("pa"), S("Punjabi")), T(S("pl"), S("Polish")), T(S("pt"), S("Portuguese")), T(S("pt-br"), S("Brazilian Portuguese")), T(S("ro"), S("Romanian")), T(S("ru"), S("Russian")), T(S("sk"), S("Slovak")), T(S("sl"), S("Slovenian")), T(S("sq"), S("Albanian")), T(S("sr"), S("Serbian")), T(S("sr-latn"), S("Serbian Latin")), T(S("sv"), S("Swedish")), T(S("sw"), S("Swahili")), T(S("ta"), S("Tamil")), T(S("te"), S("Telugu")), T(S("tg"), S("Tajik")), T(S("th"), S("Thai")), T(S("tk"), S("Turkmen")), T(S("tr"), S("Turkish")), T(S("tt"), S("Tatar")), T(S("udm"), S("Udmurt")), T(S("uk"), S("Ukrainian")), T(S("ur"), S("Urdu")), T(S("uz"), S("Uzbek")), T(S("vi"), S("Vietnamese")), T(S("zh-hans"), S("Simplified Chinese")), T(S("zh-hant"), S("Traditional Chinese"))),
        ["LANGUAGES_BIDI"] = L(S("he"), S("ar"), S("ar-dz"), S("fa"), S("ur")),
        ["LANGUAGE_CODE"] = S("en-us"),
        ["LANGUAGE_COOKIE_AGE"] = N,
        ["LANGUAGE_COOKIE_DOMAIN"] = N,
        ["LANGUAGE_COOKIE_HTTPONLY"] = B(false),
        ["LANGUAGE_COOKIE_NAME"] = S("django_language"),
        ["LANGUAGE_COOKIE_PATH"] = S("/"),
        ["LANGUAGE_COOKIE_SAMESITE"] = N,
        ["LANGUAGE_COOKIE_SECURE"] = B(false),
        ["LOCALE_PATHS"] = L(),
        ["LOGGING"] = D(),
        ["LOGGING_CONFIG"] = S("logging.config.dictConfig"),
        ["LOGIN_REDIRECT_URL"] = S("/accounts/profile/"),
        ["LOGIN_URL"] = S("/accounts/login/"),
        ["LOGOUT_REDIRECT_URL"] = N,
        ["MANAGERS"] = L(),
        ["MEDIA_ROOT"] = S(""),
        ["MEDIA_URL"] = S(""),
        ["MESSAGE_STORAGE"] = S("django.contrib.messages.storage.fallback.FallbackStorage"),
        ["MIDDLEWARE"] = L(),
        ["MIGRATION_MODULES"] = D(),
        ["MONTH_DAY_FORMAT"] = S("F j"),
        ["NUMBER_GROUPING"] = I(0),
        ["PASSWORD_HASHERS"] = L(S("django.contrib.auth.hashers.PBKDF2PasswordHasher"), S("django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher"), S("django.contrib.auth.hashers.Argon2PasswordHasher"), S("django.contrib.auth.hashers.BCryptSHA256PasswordHasher")),
        ["PASSWORD_RESET_TIMEOUT"] = I(259200),
        ["PASSWORD_RESET_TIMEOUT_DAYS"] = I(3),
        ["PREPEND_WWW"] = B(false),
        ["SECRET_KEY"] = S(""),
        ["SECURE_BROWSER_XSS_FILTER"] = B(false),
        ["SECURE_CONTENT_TYPE_NOSNIFF"] = B(true),
        ["SECURE_HSTS_INCLUDE_SUBDOMAINS"] = B(false),
        ["SECURE_HSTS_PRELOAD"] = B(false),
        ["SECURE_HSTS_SECONDS"] = I(0),
        ["SECURE_PROXY_SSL_HEADER"] = N,
        ["SECURE_REDIRECT_EXEMPT"] = L(),
        ["SECURE_REFERRER_POLICY"] = S("same-origin"),
        ["SECURE_SSL_HOST"] = N,
        ["SECURE_SSL_REDIRECT"] = B(false),
        ["SERVER_EMAIL"] = S("root@localhost"),
        ["SESSION_CACHE_ALIAS"] = S("default"),
        ["SESSION_COOKIE_AGE"] = I(1209600),
        ["SESSION_COOKIE_DOMAIN"] = N,
        ["SESSION_COOKIE_HTTPONLY"] = B(true),
        ["SESSION_COOKIE_NAME"] = S("sessionid"),
        ["SESSION_COOKIE_PATH"] = S("/"),
        ["SESSION_COOKIE_SAMESITE"] = S("Lax"),
        ["SESSION_COOKIE_SECURE"] = B(false),
        ["SESSION_ENGINE"] = S("django.contrib.sessions.backends.db"),
        ["SESSION_EXPIRE_AT_BROWSER_CLOSE"] = B(false),
        ["SESSION_FILE_PATH"] = N,
        ["SESSION_SAVE_EVERY_REQUEST"] = B(false),
        ["SESSION_SERIALIZER"] = S("django.contrib.sessions.serializers.JSONSerializer"),
        ["SHORT_DATETIME_FORMAT"] = S("m/d/Y P"),
        ["SHORT_DATE_FORMAT"] = S("m/d/Y"),
        ["SIGNING_BACKEND"] = S("django.core.signing.TimestampSigner"),
        ["SILENCED_SYSTEM_CHECKS"] = L(),
        ["STATICFILES_DIRS"] = L(),
        ["STATICFILES_FINDERS"] = L(S("django.contrib.staticfiles.finders.FileSystemFinder"), S("django.contrib.staticfiles.finders.AppDirectoriesFinder")),
        ["STATICFILES_STORAGE"] = S("django.contrib.staticfiles.storage.StaticFilesStorage"),
        ["STATIC_ROOT"] = N,
        ["STATIC_URL"] = N,
        ["TEMPLATES"] = L(),
        ["TEST_NON_SERIALIZED_APPS"] = L(),
        ["TEST_RUNNER"] = S("django.test.runner.DiscoverRunner"),
        ["THOUSAND_SEPARATOR"] = S(","),
        ["TIME_FORMAT"] = S("P"),
        ["TIME_INPUT_FORMATS"] = L(S("%H:%M:%S"), S("%H:%M:%S.%f"), S("%H:%M")),
        ["TIME_ZONE"] = S("America/Chicago"),
        ["USE_I18N"] = B(true),
        ["USE_L10N"] = B(false),
        ["USE_THOUSAND_SEPARATOR"] = B(false),
        ["USE_TZ"] = B(false),
        ["USE_X_FORWARDED_HOST"] = B(false),
        ["USE_X_FORWARDED_PORT"] = B(false),
        ["WSGI_APPLICATION"] = N,
        ["X_FRAME_OPTIONS"] = S("DENY"),
        ["YEAR_MONTH_FORMAT"] = S("F Y"),
    };
}
