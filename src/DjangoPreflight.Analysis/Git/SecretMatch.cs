namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// A secret found in a text. <see cref="Value"/> is the secret itself: it is kept only to tell
/// distinct secrets apart and to redact it; never print it (use <see cref="Core.Secrets.Redact"/>).
/// </summary>
/// <param name="Kind">What it is, for a message: "SECRET_KEY", "password (DB_PASSWORD)", "postgres:// URL password"...</param>
/// <param name="Line">1-based line of the text it was found on.</param>
public sealed record SecretMatch(string Kind, int Line, string Value)
{
    /// <summary>Why the file is not one production reads ("a CI file"), or null when it may be
    /// (<see cref="SecretContext"/>): a secret there is at most low.</summary>
    public string? Context { get; init; }

    /// <summary>Why it may be only an example although it has a real credential's shape ("documentation,
    /// whose values are examples to copy"), or null: such a secret is neither certain nor dismissed, said at medium.</summary>
    public string? Doubt { get; init; }

    /// <summary>True for the SECRET_KEY of Django's startproject template settings (DEBUG = True
    /// under the template's warning): a throwaway key, unless it outlived the template.</summary>
    public bool Template { get; init; }

    /// <summary>The variable whose <c>${VAR:-default}</c> default this is: production runs with it
    /// whenever the variable is unset.</summary>
    public string? DefaultOf { get; init; }

    /// <summary>Why it is a default the project publishes rather than a secret ("a phrase on the name the
    /// file gives its database or user", see <see cref="NamePhrases"/>), or null: nothing to rotate, but a
    /// deployment that keeps it runs with a password every reader knows.</summary>
    public string? Published { get; init; }

    public string Redacted => Core.Secrets.Redact(Value);

    /// <summary>Redacted, so that logging a match can never leak it.</summary>
    public override string ToString() => $"{Kind} {Redacted} (line {Line})";
}
