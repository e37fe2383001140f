namespace DjangoPreflight.Analysis.Git;

/// <summary>A distinct secret found in the git history, where it first appeared.</summary>
/// <param name="Kind">What it is ("SECRET_KEY", "postgres:// URL password"...).</param>
/// <param name="Redacted">Its short prefix and length; the secret itself is never kept here.</param>
/// <param name="Commit">Short hash of the first commit (oldest first, by commit date) that added it.</param>
/// <param name="Path">The file it was added in, relative to the scanned root, with '/'.</param>
/// <param name="Line">Its line in that version of the file.</param>
/// <param name="AtHead">True when HEAD's tree still holds it (anywhere: the value is searched, not the line).</param>
public sealed record HistorySecret(string Kind, string Redacted, string Commit, string Path, int Line, bool AtHead)
{
    /// <summary>Where HEAD's tree holds it now, when <see cref="AtHead"/>.</summary>
    public (string Path, int Line)? Now { get; init; }

    /// <summary>What became of <see cref="Path"/> when HEAD has no file there: "since deleted in C",
    /// "since renamed to X in C", "not in the current tree"; null when HEAD still has the file.</summary>
    public string? PathFate { get; init; }

    /// <summary>Why every file it was seen in is not one production reads, or null when one may be (<see cref="SecretContext"/>).</summary>
    public string? Context { get; init; }

    /// <summary>Why it may be only an example, when every file it was seen in is documentation or has a
    /// <see cref="Context"/>, and one of them is documentation where it has a real credential's shape.</summary>
    public string? Doubt { get; init; }

    /// <summary>True when it was Django's startproject template key and never in a file production may read
    /// past the template (every other file holding it has a <see cref="Context"/>).</summary>
    public bool Template { get; init; }

    /// <summary>Its oldest sighting in a file production may read, when that is not <see cref="Path"/>
    /// (a value first committed in a development env file, then in the production compose file).</summary>
    public (string Commit, string Path, int Line)? ProductionAt { get; init; }

    /// <summary>The variable whose <c>${VAR:-default}</c> default it was, where it first appeared.</summary>
    public string? DefaultOf { get; init; }
}

/// <summary>What the history scan saw.</summary>
/// <param name="Complete">False when it was cut short (timeout, git failure): the secrets list is partial.</param>
public sealed record HistoryScan(IReadOnlyList<HistorySecret> Secrets, int Commits, int BlobsRead, bool Complete)
{
    /// <summary>Paths of file versions the repository does not hold (a partial or damaged clone):
    /// never fetched, so never scanned. Sorted, each once.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>Paths of file versions over the size bound: skipped by their size, never read.</summary>
    public IReadOnlyList<string> Oversized { get; init; } = [];

    /// <summary>Paths of file versions git listed but could not read (a corrupt object, git stopping).</summary>
    public IReadOnlyList<string> Unread { get; init; } = [];

    /// <summary>Paths of file versions read but not scanned, because the secret scanner failed on them.</summary>
    public IReadOnlyList<string> Failed { get; init; } = [];

    /// <summary>The first of those failures (its exception type), when there was one.</summary>
    public string? ScanError { get; init; }

    /// <summary>The first line git wrote on stderr while reading objects, when it failed.</summary>
    public string? GitError { get; init; }
}

/// <summary>Progress of a history scan: commits listed so far and file versions read.</summary>
public readonly record struct HistoryProgress(int Commits, int BlobsQueued, int BlobsRead);
