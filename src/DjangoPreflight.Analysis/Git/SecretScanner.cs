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
        if (text.Contains('\0') || SecretContext.IsNotProjectSecret(path)) return [];
        var file = new FileFacts(path, text);
        var found = new List<SecretMatch>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lineNumber = 0;
        var lines = text.Split('\n');
        foreach (var raw in lines)
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length < 8) continue;
            var comment = IsComment(line);
            void Add(string kind, string value, bool generic, string? defaultOf = null)
            {
                // A commented-out line keeps only what cannot be an example: provider tokens and
                // generated keys and values (a real password parked in a comment is still committed).
                if (generic && comment && !NotASecret.LooksGenerated(value) || !seen.Add(value)) return;
                var isKey = kind is "SECRET_KEY" or "Django secret key";
                // Provider tokens are live wherever they are written; the rest depends on the file.
                var context = IsLiveWherever(kind) ? null : file.Context;
                // Documentation shows examples, but a value drawn at random there may be a real one pasted in.
                // Not when the example runs against a local test box: its credential is that box's.
                var doubt = file.Readme && context is not null && SecretContext.MayBeRealInDocumentation(value, !generic)
                    && !(generic && file.LocalExampleLines(lines).Contains(lineNumber));
                found.Add(new SecretMatch(kind, lineNumber, value)
                {
                    Published = generic && NamePhrases.IsPhraseOn(value, file.Names) ? "a phrase on the name the file gives its database or user" : null,
                    Context = doubt ? null : context,
                    Doubt = doubt ? context : null,
                    Template = isKey && file.Template,
                    DefaultOf = defaultOf,
                });
            }
            ScanKnownFormats(line, Add);
            ScanUrls(line, Add);
            ScanAssignments(line, file, Add);
            if (!file.Python) ScanShellDefaults(line, file, Add);
            ScanQuotedDjangoKeys(line, Add);
            if (line.Contains("PRIVATE KEY-----", StringComparison.Ordinal) && PrivateKeyHeader().IsMatch(line)
                && PrivateKeyBody(lines, lineNumber) is { } body)
                Add("private key", body, generic: false);
        }
        return found;
    }

    /// <summary>True for a key Django generated: get_random_secret_key()'s 50 characters, or
    /// startproject's <c>django-insecure-</c> prefix before them.</summary>
    public static bool IsDjangoGeneratedKey(string value)
    {
        if (value.StartsWith("django-insecure-", StringComparison.Ordinal))
            return value.Length >= "django-insecure-".Length + 30 && value.AsSpan(16).IndexOfAnyExcept(DjangoKeyAlphabet) < 0;
        if (value.Length != 50 || value.AsSpan().IndexOfAnyExcept(DjangoKeyAlphabet) >= 0 || NotASecret.IsFiller(value)
            || NotASecret.HasCountingRun(value) || Placeholders.HasStrongMarker(value))
            return false;
        // 50 draws from a 50-symbol alphabet: letters, digits and symbols all show up, and few repeat.
        // Requiring all three (and variety) keeps words, hashes and hex strings out.
        return value.Any(char.IsAsciiLetterLower) && value.Any(char.IsAsciiDigit)
            && value.Any(c => !char.IsAsciiLetterOrDigit(c)) && value.Distinct().Count() >= 15;
    }

    private static void ScanKnownFormats(string line, Adder add)
    {
        if (line.Contains("AKIA", StringComparison.Ordinal) || line.Contains("ASIA", StringComparison.Ordinal))
            foreach (Match m in Core.SecretShapes.AwsAccessKeyId().Matches(line))
                if (!Placeholders.IsPlaceholder(m.Value)) add("AWS access key ID", m.Value, generic: false);
        foreach (Match m in Core.SecretShapes.KnownToken().Matches(line))
            if (!Placeholders.IsPlaceholder(m.Value)) add(TokenKind(m.Value), m.Value, generic: false);
    }

    private static string TokenKind(string token) =>
        token.StartsWith("gh", StringComparison.Ordinal) || token.StartsWith("github_pat_", StringComparison.Ordinal) ? "GitHub token"
        : token.StartsWith("xox", StringComparison.Ordinal) ? "Slack token"
        : token.StartsWith("AIza", StringComparison.Ordinal) ? "Google API key"
        : token.StartsWith("SG.", StringComparison.Ordinal) ? "SendGrid API key"
        : "Stripe live key";

    private static void ScanUrls(string line, Adder add)
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
            add(kind, password, generic: true);
        }
    }

    private static void ScanAssignments(string line, FileFacts file, Adder add)
    {
        // Every secret name holds one of these words, a Django key under any other name is a run of
        // at least 46 characters of its alphabet, and an env lookup's default on a line of its own
        // says default=: other lines cannot match, and most lines of a
        // settings file or a README are other lines (the assignment pattern is costly on prose).
        if (!SecretWords.Any(w => line.Contains(w, StringComparison.OrdinalIgnoreCase)) && !HasDjangoKeyRun(line)
            && !line.Contains("default=", StringComparison.Ordinal)) return;
        if (line.IndexOfAny(['=', ':', ',', ' ']) < 0) return;
        // Characters of names and values this line may have examined: candidates overlap on a line
        // like "PASS=PASS=PASS=...", and looking at each one's value whole would be quadratic. Real
        // lines are far from it; a line built to be slow stops being searched when it is spent.
        var budget = 64L * line.Length + 4096;
        foreach (var m in AssignmentScanner.Scan(line))
        {
            // A comma only separates a name from its value in an env lookup, env("X", "default"):
            // in a list or tuple of names (['EMAIL_HOST_PASSWORD', 'EMAIL_FROM']) the next item is another name.
            if (m.Separator == ',' && (!m.NameQuoted || !OpensCall(line, m.Start))) continue;
            // The name inside ${NAME:-default} is a variable, not an assignment (ScanShellDefaults reads it).
            if (m.Start >= 2 && line[m.Start - 1] == '{' && line[m.Start - 2] == '$') continue;
            // In Python only a string literal is a value; anything else is an expression (env lookup, call...).
            if (file.Python && !m.Quoted) continue;
            if ((budget -= m.NameLength + m.ValueLength) < 0) return;
            var name = m.Name(line);
            var quoted = m.Quoted;
            if (IsPublicAttribute(line, m.Start, name)) continue;
            var value = quoted ? m.Value(line) : m.Value(line).TrimEnd(',', ';');
            if (file.Python && m.Prefix(line).Contains('f', StringComparison.OrdinalIgnoreCase) && value.Contains('{')) continue;
            // A literal compared against, never assigned: if SECRET_KEY == '<the published sample>'.
            if (quoted && IsCompared(line, m)) continue;
            if (IsDjangoGeneratedKey(value))
            {
                add(IsSecretKeyName(name) ? "SECRET_KEY" : "Django secret key", value, generic: false);
                continue;
            }
            if (KindOf(name, value) is { } kind && IsGenericSecret(value, quoted, file) && !string.Equals(value, name, StringComparison.OrdinalIgnoreCase)
                && !(file.Readme && line.Contains("demo", StringComparison.OrdinalIgnoreCase)))
                add(kind, value, generic: true);
        }
    }

    /// <summary>
    /// The defaults of <c>${VAR:-default}</c> and <c>${VAR-default}</c> in compose files, Dockerfiles,
    /// env files and scripts: the value production runs with whenever the variable is unset, judged
    /// as the value of VAR.
    /// </summary>
    private static void ScanShellDefaults(string line, FileFacts file, Adder add)
    {
        for (var at = line.IndexOf("${", StringComparison.Ordinal); at >= 0; at = line.IndexOf("${", at + 2, StringComparison.Ordinal))
        {
            var m = ShellDefault().Match(line, at);
            if (!m.Success) continue;
            var variable = m.Groups["var"].Value;
            var value = m.Groups["default"].Value;
            if (IsDjangoGeneratedKey(value))
                add(IsSecretKeyName(variable) ? "SECRET_KEY" : "Django secret key", value, generic: false, variable);
            else if (KindOf(variable, value) is { } kind && IsGenericSecret(value, quoted: false, file))
                add(kind, value, generic: true, variable);
        }
    }

    /// <summary>Whether a value under a secret's name is a secret: long enough, and not a
    /// placeholder, code, a name, prose, filler or a URL (read by ScanUrls). A weak value is still
    /// a secret: a production compose file's <c>SECRET_KEY: asdasdasd</c> is the key it runs with.</summary>
    private static bool IsGenericSecret(string value, bool quoted, FileFacts file) =>
        value.Length >= MinimumGenericLength && !value.Contains("://", StringComparison.Ordinal)
        && NotASecret.Why(value, quoted, file.Readme, literal: quoted && file.Python) is null;

    /// <summary>True when the quoted name at <paramref name="at"/> is a call's first argument: env("X", ...).</summary>
    private static bool OpensCall(string line, int at)
    {
        var i = at - 1;
        while (i >= 0 && line[i] == ' ') i--;
        return i >= 1 && line[i] == '(' && (char.IsAsciiLetterOrDigit(line[i - 1]) || line[i - 1] == '_');
    }

    /// <summary>True for values published by design: an HTML <c>data-*</c> attribute of an embed
    /// (<c>data-api-key="live.…"</c>), and a badge image's <c>?token=</c> (codecov, shields).</summary>
    private static bool IsPublicAttribute(string line, int at, string name)
    {
        if (name.StartsWith("data-", StringComparison.OrdinalIgnoreCase)) return true;
        var parameter = at > 0 && line[at - 1] is '?' or '&';
        return parameter && (line.Contains("badge", StringComparison.OrdinalIgnoreCase) || line.Contains(".svg", StringComparison.OrdinalIgnoreCase)
            || line.Contains("shields.io", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True when the value's literal follows <c>==</c> or <c>!=</c>: a comparison, not an assignment.</summary>
    private static bool IsCompared(string line, AssignmentCandidate m)
    {
        var before = line.AsSpan(0, m.ValueStart - 1 - m.PrefixLength).TrimEnd();
        return before.EndsWith("==") || before.EndsWith("!=");
    }

    private static bool IsComment(string line)
    {
        var t = line.AsSpan().TrimStart();
        return t.StartsWith("#") || t.StartsWith("//") || t.StartsWith("<!--") || t.StartsWith("; ");
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

    private static void ScanQuotedDjangoKeys(string line, Adder add)
    {
        if (line.Length < 52) return;
        foreach (Match m in QuotedDjangoKey().Matches(line))
            if (IsDjangoGeneratedKey(m.Groups["key"].Value) && !line.AsSpan(0, m.Index).TrimEnd().EndsWith("=="))
                add("Django secret key", m.Groups["key"].Value, generic: false);
    }

    private static bool IsSecretKeyName(string name) => name.ToUpperInvariant().Contains("SECRET_KEY", StringComparison.Ordinal);

    /// <summary>What a value under this name is: a secret's name says so, and any other *_KEY holds
    /// a key when its value looks generated (an HMAC key named EVENT_DAEMON_SUBMISSION_KEY).</summary>
    private static string? KindOf(string name, string value) =>
        SecretNameKind(name)
        ?? (name.EndsWith("KEY", StringComparison.OrdinalIgnoreCase) && NotASecret.LooksGenerated(value) ? $"key ({name})"
            // env(\n 'JWT_SECRET_KEY',\n default='<64 random characters>'): the name is lines above.
            : name == "default" && NotASecret.LooksGenerated(value) ? "secret (an env lookup's default)"
            : null);

    /// <summary>What a value assigned to <paramref name="name"/> would be, or null if the name is not a secret's.</summary>
    private static string? SecretNameKind(string name)
    {
        var upper = name.ToUpperInvariant().Replace('-', '_').Replace('.', '_');
        if (upper.Contains("AWS", StringComparison.Ordinal) && upper.EndsWith("SECRET_ACCESS_KEY", StringComparison.Ordinal)) return "AWS secret access key";
        // Django's own key (SECRET_KEY, DJANGO_SECRET_KEY); other signing keys say their name (JWT_SECRET_KEY).
        if (upper is "SECRET_KEY" or "DJANGO_SECRET_KEY") return "SECRET_KEY";
        if (upper.EndsWith("SECRET_KEY", StringComparison.Ordinal)) return $"secret key ({name})";
        if (SecretName().IsMatch(upper))
        {
            var label = upper.EndsWith("TOKEN", StringComparison.Ordinal) ? "token"
                : upper.Contains("PASS", StringComparison.Ordinal) ? "password"
                : "secret";
            return $"{label} ({name})";
        }
        return null;
    }

    /// <summary>The first line of base64 after a PEM header, or null when there is none: a header
    /// alone (a test asserting that a key is rejected, a docs snippet) holds no key.</summary>
    private static string? PrivateKeyBody(string[] lines, int headerLine)
    {
        var body = headerLine < lines.Length ? lines[headerLine].Trim() : "";
        return PemBody().IsMatch(body) ? body : null;
    }

    private delegate void Adder(string kind, string value, bool generic, string? defaultOf = null);

    /// <summary>True for a provider's token or a private key: live wherever it is written (a CI
    /// workflow, a test), unlike a password or key whose file says whether production uses it.</summary>
    public static bool IsLiveWherever(string kind) => ProviderKinds.Contains(kind);

    private static readonly HashSet<string> ProviderKinds = new(StringComparer.Ordinal)
    {
        "AWS access key ID", "GitHub token", "Slack token", "Google API key", "SendGrid API key", "Stripe live key", "private key",
    };

    /// <summary>What the whole file says about the secrets in it, computed once per file, and what
    /// costs a read of the whole text (a compose file's YAML) only when a secret needs it: most
    /// versions of most files hold none.</summary>
    private sealed class FileFacts(string path, string text)
    {
        public bool Python { get; } = path.EndsWith(".py", StringComparison.Ordinal);

        public bool Readme { get; } = FileKinds.IsDocumentation(path);

        public string? Context => (_context ??= new Lazy<string?>(() => SecretContext.NonProductionReason(path, text), LazyThreadSafetyMode.None)).Value;

        private Lazy<string?>? _context;

        public bool Template => _template ??= SecretContext.IsStartprojectTemplate(path, text);

        private bool? _template;

        /// <summary>The names the file gives its database or user, read when a secret needs them.</summary>
        public IReadOnlySet<string> Names => _names ??= NamePhrases.NamesIn(text);

        private IReadOnlySet<string>? _names;

        /// <summary>Documentation lines in a block that names a private address, read when a secret needs them.</summary>
        public IReadOnlySet<int> LocalExampleLines(string[] lines) => _local ??= LocalExamples.LinesIn(lines);

        private IReadOnlySet<int>? _local;
    }

    // The patterns below run on every line of every version of every secrets-prone file: they are
    // source-generated backtracking ones, which cost nothing to build (a non-backtracking one is built
    // at run time, milliseconds each), and each stays linear in the line, as said beside it.

    // Names whose values are secrets: the whole name, or its last '_' part(s). Bounded alternatives.
    [GeneratedRegex(@"(^|_)(PASSWORD|PASSWD|PASS|SECRET|TOKEN|API_?KEY|ACCESS_KEY|SECRET_ACCESS_KEY|PRIVATE_KEY|AUTH_KEY|CLIENT_SECRET|SIGNING_KEY|ENCRYPTION_KEY|AES_KEY|HMAC_KEY|FERNET_KEY|MASTER_KEY|CRYPTO_KEY)$")]
    private static partial Regex SecretName();

    // Tried where a scheme ends in "://" (or "+"): each loop stops at '/', which every "://" holds, or
    // at a character the next token must not be, so no stretch of the line is scanned from two starts.
    [GeneratedRegex("""(?<scheme>(?i:postgres(?:ql)?|pgsql|postgis|psql|mysql2?|mysqlgis|mariadb|oracle|mssql|redis|rediss|valkey|amqps?|mongodb(?:\+srv)?|smtps?|ftps?|sftp|ldaps?|https?|nats|elasticsearch)(?:\+[a-z0-9]+)?)://(?<user>[^:@/\s'"]*):(?<password>[^@/\s'"]+)@(?<host>[^/\s'"?#]+)""")]
    private static partial Regex CredentialUrl();

    // Tried at quotes only; the run stops at the next quote, so runs from two starts never overlap.
    [GeneratedRegex("""['"](?<key>(?:django-insecure-)?[a-z0-9!@#$%^&*(\-_=+)]{30,})['"]""")]
    private static partial Regex QuotedDjangoKey();

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----")]
    private static partial Regex PrivateKeyHeader();

    // Anchored at the start: one try.
    [GeneratedRegex(@"^[A-Za-z0-9+/=]{40,}$")]
    private static partial Regex PemBody();

    // ${VAR:-default} / ${VAR-default}, the default without nested substitutions or quotes.
    [GeneratedRegex("""\G\$\{(?<var>[A-Za-z_][A-Za-z0-9_]*):?-(?<default>[^${}\s'"]+)\}""")]
    private static partial Regex ShellDefault();
}
