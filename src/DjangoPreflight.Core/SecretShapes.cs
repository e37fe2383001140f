using System.Text.RegularExpressions;

namespace DjangoPreflight.Core;

/// <summary>
/// What the secret rules call a secret, shared with every output's redaction (<see cref="SecretText"/>)
/// so that a report never shows whole what a rule would have reported: the names whose values are
/// secrets, and the token formats that are secrets wherever they are written.
/// </summary>
public static partial class SecretShapes
{
    /// <summary>Names whose values are secrets even though nothing in the value says so: the secret
    /// rules' names and the short forms they miss (DB_PWD, SIGNING_SALT, API_AUTH, SMTP_PASS), but
    /// not configuration that mentions one (PASSWORD_HASHERS, SECRET_KEY_FILE).</summary>
    public static bool IsSecretName(string name) => SecretName().IsMatch(name) && !ConfigurationName().IsMatch(name);

    // These patterns run on every report's text, so they are source-generated backtracking ones,
    // which cost nothing to build (a non-backtracking pattern is built at run time, milliseconds
    // each). Each stays linear in the text: every alternative is a bounded literal, and each loop
    // over a class is followed by a character outside it or ends the pattern, so no position is
    // tried more than a fixed number of times.
    [GeneratedRegex("PASSWORD|SECRET|TOKEN|KEY|PASSWD|CREDENTIAL|PRIVATE|(^|_)(PWD|PASS|SALT|AUTH)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(HASHERS|VALIDATORS|TIMEOUT|TIMEOUT_DAYS|PREFIX|FUNCTION|BACKENDS?|_LENGTH|_FILE|_PATH)$", RegexOptions.IgnoreCase)]
    private static partial Regex ConfigurationName();

    /// <summary>An AWS access key ID.</summary>
    [GeneratedRegex(@"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")]
    public static partial Regex AwsAccessKeyId();

    /// <summary>GitHub, Slack, Google, SendGrid and Stripe live tokens. The open-ended runs end the
    /// pattern: from a start they either reach their minimum and match (the match is consumed) or
    /// fail within it.</summary>
    [GeneratedRegex(@"\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{35}|SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}|[sr]k_live_[A-Za-z0-9]{16,})")]
    public static partial Regex KnownToken();
}
