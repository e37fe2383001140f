using System.Buffers;
using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// Finds secrets in the text of a settings, env, deployment, CI or README file, line by line:
/// secret-named assignments in Python, env, shell, Dockerfile and YAML syntax (including the
/// default of an env lookup), credential URLs, Django-generated keys (50 characters of
/// get_random_secret_key's alphabet, or the <c>django-insecure-</c> prefix, which generic scanners
/// miss), and well-known token formats. Placeholders, env references and dev defaults are not
/// secrets (see <see cref="Placeholders"/>): a false alarm costs as much trust as a miss.
/// </summary>
public static partial class SecretScanner
{
    /// <summary>get_random_secret_key()'s alphabet.</summary>
    public const string DjangoKeyAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

    private const int MinimumGenericLength = 6;

    private static readonly SearchValues<char> KeyAlphabet = SearchValues.Create(DjangoKeyAlphabet);

    private static readonly string[] SecretWords = ["pass", "secret", "token", "key"];

    public static IReadOnlyList<SecretMatch> Scan(string path, string text)
    {
        if (text.Contains('\0')) return [];
        var python = path.EndsWith(".py", StringComparison.Ordinal);
        var found = new List<SecretMatch>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length < 8) continue;
            void Add(string kind, string value)
            {
                if (seen.Add(value)) found.Add(new SecretMatch(kind, lineNumber, value));
            }
            ScanKnownFormats(line, Add);
            ScanUrls(line, Add);
            ScanAssignments(line, python, Add);
            ScanQuotedDjangoKeys(line, Add);
            if (line.Contains("PRIVATE KEY-----", StringComparison.Ordinal) && PrivateKeyHeader().IsMatch(line))
                Add("private key", PrivateKeyBody(text, lineNumber));
        }
        return found;
    }

    /// <summary>True for a key Django generated: get_random_secret_key()'s 50 characters, or
    /// startproject's <c>django-insecure-</c> prefix before them.</summary>
    public static bool IsDjangoGeneratedKey(string value)
    {
        if (value.StartsWith("django-insecure-", StringComparison.Ordinal))
            return value.Length >= "django-insecure-".Length + 30 && value.AsSpan(16).IndexOfAnyExcept(DjangoKeyAlphabet) < 0;
        if (value.Length != 50 || value.AsSpan().IndexOfAnyExcept(DjangoKeyAlphabet) >= 0) return false;
        // 50 draws from a 50-symbol alphabet: letters, digits and symbols all show up, and few repeat.
        // Requiring all three (and variety) keeps words, hashes and hex strings out.
        return value.Any(char.IsAsciiLetterLower) && value.Any(char.IsAsciiDigit)
            && value.Any(c => !char.IsAsciiLetterOrDigit(c)) && value.Distinct().Count() >= 15;
    }

    private static void ScanKnownFormats(string line, Action<string, string> add)
    {
        if (line.Contains("AKIA", StringComparison.Ordinal) || line.Contains("ASIA", StringComparison.Ordinal))
            foreach (Match m in AwsAccessKeyId().Matches(line))
                if (!Placeholders.IsPlaceholder(m.Value)) add("AWS access key ID", m.Value);
        foreach (Match m in KnownToken().Matches(line))
            if (!Placeholders.IsPlaceholder(m.Value)) add(TokenKind(m.Value), m.Value);
    }

    private static string TokenKind(string token) =>
        token.StartsWith("gh", StringComparison.Ordinal) || token.StartsWith("github_pat_", StringComparison.Ordinal) ? "GitHub token"
        : token.StartsWith("xox", StringComparison.Ordinal) ? "Slack token"
        : token.StartsWith("AIza", StringComparison.Ordinal) ? "Google API key"
        : token.StartsWith("SG.", StringComparison.Ordinal) ? "SendGrid API key"
        : "Stripe live key";

    private static void ScanUrls(string line, Action<string, string> add)
    {
        if (!line.Contains("://", StringComparison.Ordinal)) return;
        foreach (Match m in CredentialUrl().Matches(line))
        {
            var password = m.Groups["password"].Value;
            if (Placeholders.IsPlaceholder(password) || Placeholders.IsTemplated(m.Groups["user"].Value + m.Groups["host"].Value) && password.Length < MinimumGenericLength)
                continue;
            var scheme = m.Groups["scheme"].Value.ToLowerInvariant();
            var kind = scheme.StartsWith("http", StringComparison.Ordinal) && m.Groups["host"].Value.Contains("sentry", StringComparison.OrdinalIgnoreCase)
                ? "Sentry DSN with secret key"
                : $"{scheme}:// URL password";
            add(kind, password);
        }
    }

    private static void ScanAssignments(string line, bool python, Action<string, string> add)
    {
        // Every secret name holds one of these words, and a Django key under any other name is a run
        // of at least 46 characters of its alphabet: other lines cannot match, and most lines of a
        // settings file or a README are other lines (the assignment pattern is costly on prose).
        if (!SecretWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase)) && !HasDjangoKeyRun(line)) return;
        if (line.IndexOfAny(['=', ':', ',', ' ']) < 0) return;
        foreach (Match m in Assignment().Matches(line))
        {
            var name = m.Groups["name"].Value;
            var quoted = m.Groups["q"].Success && m.Groups["q"].Length > 0;
            var nameQuoted = m.Groups["nq"].Length > 0;
            // A comma only separates a name from its value in an env lookup: env("X", "default").
            if (m.Groups["sep"].Value == "," && !nameQuoted) continue;
            // In Python only a string literal is a value; anything else is an expression (env lookup, call...).
            if (python && !quoted) continue;
            var value = quoted ? m.Groups["qvalue"].Value : m.Groups["value"].Value.TrimEnd(',', ';');
            if (python && m.Groups["prefix"].Value.Contains('f', StringComparison.OrdinalIgnoreCase) && value.Contains('{')) continue;
            if (IsDjangoGeneratedKey(value))
            {
                add(IsSecretKeyName(name) ? "SECRET_KEY" : "Django secret key", value);
                continue;
            }
            var kind = SecretNameKind(name);
            if (kind is null || value.Length < MinimumGenericLength || Placeholders.IsPlaceholder(value) || value.Contains("://", StringComparison.Ordinal))
                continue;
            if (string.Equals(value, name, StringComparison.OrdinalIgnoreCase)) continue;
            add(kind, value);
        }
    }

    /// <summary>True when the line holds a run of <see cref="DjangoKeyAlphabet"/> long enough to be a
    /// Django key: 50 characters, or the <c>django-insecure-</c> prefix and 30.</summary>
    private static bool HasDjangoKeyRun(ReadOnlySpan<char> line)
    {
        const int shortest = 46;
        while (line.Length >= shortest)
        {
            var start = line.IndexOfAny(KeyAlphabet);
            if (start < 0) return false;
            line = line[start..];
            var run = line.IndexOfAnyExcept(KeyAlphabet) is var end and >= 0 ? end : line.Length;
            if (run >= shortest) return true;
            line = line[run..];
        }
        return false;
    }

    private static void ScanQuotedDjangoKeys(string line, Action<string, string> add)
    {
        if (line.Length < 52) return;
        foreach (Match m in QuotedDjangoKey().Matches(line))
            if (IsDjangoGeneratedKey(m.Groups["key"].Value))
                add("Django secret key", m.Groups["key"].Value);
    }

    private static bool IsSecretKeyName(string name) => name.ToUpperInvariant().Contains("SECRET_KEY", StringComparison.Ordinal);

    /// <summary>What a value assigned to <paramref name="name"/> would be, or null if the name is not a secret's.</summary>
    private static string? SecretNameKind(string name)
    {
        var upper = name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
        if (upper.Contains("AWS", StringComparison.Ordinal) && upper.EndsWith("SECRET_ACCESS_KEY", StringComparison.Ordinal)) return "AWS secret access key";
        if (upper.EndsWith("SECRET_KEY", StringComparison.Ordinal)) return "SECRET_KEY";
        if (SecretName().IsMatch(upper))
        {
            var label = upper.EndsWith("TOKEN", StringComparison.Ordinal) ? "token"
                : upper.Contains("PASS", StringComparison.Ordinal) ? "password"
                : "secret";
            return $"{label} ({name})";
        }
        return null;
    }

    private static string PrivateKeyBody(string text, int headerLine)
    {
        var lines = text.Split('\n');
        return headerLine < lines.Length && lines[headerLine].Trim().Length > 0 ? lines[headerLine].Trim() : lines[headerLine - 1].Trim();
    }

    // Names whose values are secrets: the whole name, or its last '_' part(s).
    [GeneratedRegex(@"(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_KEY|SECRET_ACCESS_KEY|PRIVATE_KEY|AUTH_KEY|CLIENT_SECRET|SIGNING_KEY|ENCRYPTION_KEY)$")]
    private static partial Regex SecretName();

    // NAME = value / NAME: value / "NAME": "value" / ENV NAME value / export NAME=value / env("NAME", default="value").
    // Zero-width (a lookahead) so that matches may overlap: in "web: DB_PASSWORD=x gunicorn" the
    // value of "web" contains the assignment that matters.
    [GeneratedRegex("""(?<![A-Za-z0-9_.])(?=(?<nq>['"]?)(?<name>[A-Za-z_][A-Za-z0-9_.-]*)\k<nq>(?:\s*(?<sep>[=:,])\s*(?:default\s*=\s*)?|(?<=^\s*ENV\s+[A-Za-z_][A-Za-z0-9_]*)(?<sep>\s+))(?:(?<prefix>[rRbBuUfF]{0,2})(?<q>['"])(?<qvalue>[^'"\r\n]+)\k<q>|(?<value>[^\s'"(\[{][^\s'"]*)))""")]
    private static partial Regex Assignment();

    [GeneratedRegex("""(?<scheme>(?i:postgres(?:ql)?|pgsql|postgis|psql|mysql2?|mysqlgis|mariadb|oracle|mssql|redis|rediss|valkey|amqps?|mongodb(?:\+srv)?|smtps?|ftps?|sftp|ldaps?|https?|nats|elasticsearch)(?:\+[a-z0-9]+)?)://(?<user>[^:@/\s'"]*):(?<password>[^@/\s'"]+)@(?<host>[^/\s'"?#]+)""")]
    private static partial Regex CredentialUrl();

    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|[sr]k_live_[A-Za-z0-9]{16,})")]
    private static partial Regex KnownToken();

    [GeneratedRegex("""['"](?<key>(?:django-insecure-)?[a-z0-9!@#$%^&*(\-_=+)]{30,})['"]""")]
    private static partial Regex QuotedDjangoKey();

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")]
    private static partial Regex PrivateKeyHeader();
}
