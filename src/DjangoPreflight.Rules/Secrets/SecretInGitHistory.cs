using DjangoPreflight.Analysis.Git;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Secrets;

/// <summary>DP106: a secret appears anywhere in the git history, even if a later commit removed it.</summary>
public sealed class SecretInGitHistory : ProjectRule
{
    public override RuleDescriptor Descriptor { get; } = new(
        Id: "DP106",
        Title: "Secret in git history",
        Category: Category.Secrets,
        DefaultSeverity: Severity.High,
        DjangoIds: [],
        Seeds: ["003"],
        Docs: new RuleDocs(
            Why: """
                Deleting a secret in a new commit does not remove it from the repository: every clone,
                fork, CI cache and backup still holds the old commit, and anyone with read access can run
                `git log -p`. A leaked SECRET_KEY lets an attacker forge sessions, password-reset links
                and signed cookies; a leaked database URL or token opens the service it guards.
                """,
            Fix: """
                Treat the secret as compromised: rotate it (generate a new SECRET_KEY, moving the old
                one to SECRET_KEY_FALLBACKS only for the time sessions need; change the password or
                revoke the token). Then read it from the environment. Rewriting history (git
                filter-repo) helps only once every clone is replaced, and never replaces rotation.
                """,
            Before: """
                # commit a1b2c3d
                SECRET_KEY = "k3#x9!v2@q7$w1%e5^r8&t4*y6(u0-i_o=p+a)s-d_f=g+h!jz"
                # commit e4f5a6b "remove key"
                SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                """,
            After: """
                # a new key, generated on the server and never committed
                SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
                """));

    public override GitReads ReadsGit => GitReads.History;

    public override IEnumerable<Finding> Check(ProjectContext project)
    {
        if (project.Git.History is not { } history) yield break;
        foreach (var secret in history.Secrets)
        {
            var at = secret.PathFate is { } fate ? $"{secret.Path}:{secret.Line}, a file {fate}" : $"{secret.Path}:{secret.Line}";
            var where = secret.Now is { } now
                ? $"and is still in the current tree at {now.Path}:{now.Line}"
                : "and was removed later, but every clone of the history still holds it";
            var what = secret.DefaultOf is { } variable ? $"{secret.Kind} (the default of ${{{variable}}})" : secret.Kind;
            var message = $"{what} {secret.Redacted} was committed in {secret.Commit} ({at}) {where}";
            var confidence = secret.Kind.Contains('(') ? Confidence.High : Confidence.Certain;
            var location = new SourceLocation(secret.Path, secret.Line);
            // Not a production secret: said at low, with the reason, so a build never fails on it.
            if (secret.Template)
                yield return Finding($"{message}; it is the throwaway key of Django's startproject settings (DEBUG = True under the template's warning)"
                    + (secret.Context is { } kept ? $", later kept only in {kept}" : "") + ", never a production key.",
                    location, confidence, severity: Severity.Low);
            else if (secret.Context is { } context)
                yield return Finding($"{message}; it is in {context}, not a file production reads: rotate it only if it was used elsewhere.",
                    location, confidence, severity: Severity.Low);
            // Unknown is said as unknown: an example or a real credential pasted into the docs.
            else if (secret.Doubt is { } doubt)
                yield return Finding($"{message}; it is in {doubt}, but has the shape of a real credential: rotate it if it ever was one.",
                    location, Confidence.Medium, severity: Severity.Medium);
            // Found only because its name ends in KEY (key (NAME)): a secret when the code keys a signature
            // or a cipher with it; otherwise whether it is one is unknown (a registration key sent to a
            // vendor is not; an HMAC key used by code we cannot see is). Unknown is low confidence, never
            // the gate's business, but a leaked signing key matters enough to stay in view at medium.
            else if (NameOnlyKey(secret.Kind) is { } name && !KeyUse.KeysCrypto(project.Files, name))
                yield return Finding($"{message}; only its name ({name}) says it is a key, and no code of the project signs, hashes or encrypts with {name}: rotate it if it is a secret.",
                    location, Confidence.Low, severity: Severity.Medium);
            else if (ProductionKey(secret, project.Settings.Production) is { } key)
                yield return Finding($"{message}; {key.Reason}", location, key.Replaced ? confidence : Confidence.Low, severity: Severity.Low);
            // First committed in a development file, then in one production may read: that file is
            // where it matters, so the finding stands there (and the role gate judges that file).
            else if (secret.ProductionAt is { } production)
                yield return Finding($"{message}; it was then committed in {production.Commit} at {production.Path}:{production.Line}, a file production may read: rotate it.",
                    new SourceLocation(production.Path, production.Line), confidence) with { HoldsInAnyFile = SecretScanner.IsLiveWherever(secret.Kind) };
            else
                yield return Finding($"{message}; rotate it.", location, confidence) with { HoldsInAnyFile = SecretScanner.IsLiveWherever(secret.Kind) };
        }
    }

    /// <summary>NAME of a "key (NAME)" kind: a value taken for a key by its name's KEY ending and its shape alone.</summary>
    private static string? NameOnlyKey(string kind) =>
        kind.StartsWith("key (", StringComparison.Ordinal) && kind.EndsWith(')') ? kind[5..^1] : null;

    /// <summary>Why a SECRET_KEY still in a settings module is not the key production runs, when the
    /// evaluated production settings show it: they end with a key that is random or must come from
    /// the environment (a development key left in a base module), or one that a git-ignored local
    /// file may replace (then whether production runs it is unknown, said so). Replaced is false then.</summary>
    private static (string Reason, bool Replaced)? ProductionKey(HistorySecret secret, SettingsModel? production)
    {
        if (secret.Kind != "SECRET_KEY" || secret.Now is not { } now || production?["SECRET_KEY"] is not { IsDefault: false } key)
            return null;
        var settings = production.Path ?? production.Module;
        if (key.FailsClosed && key.Source is { } source && source.Path != now.Path)
            return ($"production's settings ({settings}) replace it with a key that is {(key.Requires.Count > 0 ? $"read from {string.Join(", ", key.Requires)}" : "random or read from a file")} at {source.Path}:{source.Line}, so it is a development key: rotate it only if it was used elsewhere.", true);
        if (key.Value is PyOverridable { Repository: PyStr } overridable && key.Source?.Path == now.Path)
            return ($"production's settings ({settings}) end with it unless a file the repository does not hold replaces it ({overridable.Reason}): rotate it if production runs without that file.", false);
        return null;
    }
}
