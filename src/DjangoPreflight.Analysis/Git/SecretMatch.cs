namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// A secret found in a text. <see cref="Value"/> is the secret itself: it is kept only to tell
/// distinct secrets apart and to redact it; never print it (use <see cref="Core.Secrets.Redact"/>).
/// </summary>
/// <param name="Kind">What it is, for a message: "SECRET_KEY", "password (DB_PASSWORD)", "postgres:// URL password"...</param>
/// <param name="Line">1-based line of the text it was found on.</param>
public sealed record SecretMatch(string Kind, int Line, string Value)
{
    public string Redacted => Core.Secrets.Redact(Value);

    /// <summary>Redacted, so that logging a match can never leak it.</summary>
    public override string ToString() => $"{Kind} {Redacted} (line {Line})";
}
