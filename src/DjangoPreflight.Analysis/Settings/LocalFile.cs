namespace DjangoPreflight.Analysis.Settings;

/// <summary>
/// A file the settings load only when it exists, which the repository does not hold: a git-ignored
/// local_settings.py or key file, a file outside the repository. The settings import or read it inside a try that tolerates its absence, so it is the
/// operator's own configuration: each deployment may or may not have it, and the repository cannot say
/// what it holds. What the repository itself sets is the fallback that runs without it.
/// </summary>
/// <param name="Path">Root-relative with '/', or the absolute path of a file outside the repository.</param>
/// <param name="Absence">Why the repository does not hold it: <see cref="Ignored"/> or <see cref="Outside"/>.</param>
/// <param name="LoadedAt">"file:line" of the import, exec or open that loads it.</param>
public sealed record LocalFile(string Path, string Absence, string LoadedAt)
{
    public const string Ignored = "git ignores it";
    public const string Outside = "it is outside the repository";

    /// <summary>For messages: "dmoj/settings.py:611 loads it only if it exists; git ignores it".</summary>
    public string HowLoaded => $"{LoadedAt} loads it only if it exists; {Absence}";

    /// <summary>For messages: "dmoj/local_settings.py (loaded at dmoj/settings.py:611 only if it exists; git ignores it)".</summary>
    public string Describe => $"{Path} (loaded at {LoadedAt} only if it exists; {Absence})";
}
