namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Values that stand for a secret without being one: env references and templates
/// (<c>${DB_PASSWORD}</c>, <c>$SECRET</c>, <c>{{ secrets.X }}</c>, <c>%(pw)s</c>, <c>&lt;password&gt;</c>),
/// documentation placeholders (<c>changeme</c>, <c>your-secret-key-here</c>, <c>xxxx</c>) and the
/// well-known dev defaults every tutorial and CI service uses (<c>postgres</c>, <c>password</c>).
/// </summary>
public static class Placeholders
{
    // Words that mark a value as an example when they appear as one of its parts.
    private static readonly HashSet<string> PlaceholderWords = new(StringComparer.Ordinal)
    {
        "changeme", "change", "example", "examples", "placeholder", "dummy", "fake", "sample", "insecure",
        "notsecret", "redacted", "replace", "replaceme", "your", "yours", "xxx", "todo", "fixme", "here",
        "test", "testing", "tests", "dev", "development", "local", "unsafe", "default", "mock", "foobar",
        "secretkey", "mysecret", "mypassword", "collectstatic", "build", "ci", "none", "null", "undefined",
        "secret", "invalid", "irrelevant", "random", "generate", "togenerate", "some", "demo", "abcdef", "foo", "bar",
        "my", "put", "insert", "enter", "set", "unset", "ignored", "temp", "nope",
    };

    // Whole values (letters and digits only, lower case) that are dev defaults, not secrets.
    private static readonly HashSet<string> DevDefaults = new(StringComparer.Ordinal)
    {
        "password", "passw0rd", "pass", "secret", "postgres", "postgresql", "mysql", "mariadb", "root", "admin",
        "django", "guest", "user", "username", "default", "123456", "12345678", "1234567890", "qwerty",
        "letmein", "hunter2", "true", "false", "yes", "no", "redis", "rabbitmq", "app", "db", "database",
        "secretkey", "secretpassword", "supersecret", "adminpassword", "dbpassword", "pgpassword",
        "djangosecretkey", "djangosecret", "mysecretkey", "mypassword", "yourpassword", "yoursecretkey",
    };

    // Markers that make a value an example wherever they appear in it (AKIAIOSFODNN7EXAMPLE).
    private static readonly string[] StrongMarkers =
        ["example", "changeme", "placeholder", "redacted", "replaceme", "secretkey", "supersecret", "password", "notvalid", "notasecret", "togenerate"];

    /// <summary>True for a reference or template rather than a value. In a Python string literal
    /// (<paramref name="literal"/>) a '$' is a character like any other (Django's key alphabet has
    /// it): only <c>${</c>, <c>$(</c> or a leading '$' reads as a reference there.</summary>
    public static bool IsTemplated(string value, bool literal = false) =>
        (literal ? value.StartsWith('$') || value.Contains("${", StringComparison.Ordinal) || value.Contains("$(", StringComparison.Ordinal) : value.Contains('$'))
        || value.Contains('`') || value.Contains("{{", StringComparison.Ordinal) || value.Contains("%(", StringComparison.Ordinal)
        || value.StartsWith('<') || value.StartsWith('{') || value.StartsWith('%') || value.StartsWith('[')
        || value.Contains("os.environ", StringComparison.Ordinal) || value.Contains("getenv", StringComparison.Ordinal);

    /// <summary>True when the value spells a marker no generated value holds by chance
    /// (changeme, example, supersecret, password...): a Django-shaped key that says it is a placeholder.</summary>
    public static bool HasStrongMarker(string value)
    {
        var compact = string.Concat(value.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit));
        return StrongMarkers.Any(m => compact.Contains(m, StringComparison.Ordinal));
    }

    public static bool IsPlaceholder(string value, bool literal = false)
    {
        if (value.Length == 0 || IsTemplated(value, literal)) return true;
        // YAML aliases/anchors, paths to secret files, and repeated filler (****, xxxxxxxx, ....).
        if (value[0] is '*' or '&' or '/' or '~' || value.StartsWith("./", StringComparison.Ordinal) || value.StartsWith("file:", StringComparison.Ordinal))
            return true;
        // Filler: ****, xxxxxxxx, ....
        if (value.Distinct().Count() <= 2) return true;
        if (value.All(char.IsAsciiDigit) && value.Length < 10) return true;
        var lower = value.ToLowerInvariant();
        var compact = string.Concat(lower.Where(char.IsAsciiLetterOrDigit));
        // A dev default with digits after it is still one: admin123, postgres1.
        if (DevDefaults.Contains(compact) || DevDefaults.Contains(compact.TrimEnd("0123456789".ToCharArray()))
            || HasStrongMarker(value))
            return true;
        // A generated value holds words only by chance.
        if (NotASecret.LooksGenerated(value)) return false;
        foreach (var word in Words(value))
            if (PlaceholderWords.Contains(word) || word.StartsWith("xxx", StringComparison.Ordinal) || word.StartsWith("changeme", StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>The lower-case words of a value: its parts between separators and where camelCase
    /// turns upper (SomeSecretPassword: some, secret, password), of three letters or more; and
    /// within a part that mixes letters and digits, its letter runs of four or more (SECRET4TESTS:
    /// secret, tests). Shorter runs come by chance in generated values ("x7set9").</summary>
    private static IEnumerable<string> Words(string value)
    {
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var end = i == value.Length || !char.IsAsciiLetterOrDigit(value[i])
                || i > start && char.IsAsciiLetterUpper(value[i]) && char.IsAsciiLetterLower(value[i - 1]);
            if (!end) continue;
            if (i > start)
            {
                var part = value[start..i].ToLowerInvariant();
                if (part.Length >= 3) yield return part;
                if (part.Any(char.IsAsciiDigit))
                    foreach (var run in part.Split("0123456789".ToCharArray(), StringSplitOptions.RemoveEmptyEntries))
                        if (run.Length >= 4) yield return run;
            }
            start = i < value.Length && char.IsAsciiLetterOrDigit(value[i]) ? i : i + 1;
        }
    }
}
