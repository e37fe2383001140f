namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// The secrets-prone files HEAD's history deleted, each with the newest commit that did (a rename
/// counts: without rename detection it deletes the old path), from one streamed
/// <c>git log --full-history --diff-filter=D HEAD</c>: what a <c>git log -1 -- PATH</c> per file would
/// say, in one command instead of one per file. Only relevant paths are kept, so memory is bounded
/// by the files a secret can be reported in, not by the history's size.
/// </summary>
public static class HeadDeletions
{
    public static Dictionary<string, string> Read(GitRunner git, GitRepository repo)
    {
        var deleted = new Dictionary<string, string>(StringComparer.Ordinal);
        using var log = git.Stream(repo.TopLevel,
            ["log", "--full-history", "--no-renames", "--no-ext-diff", "--diff-filter=D", "--name-only", "-z", "--format=%x01%H", "HEAD"]);
        try
        {
            // "\x01<commit>\0\n<path>\0<path>\0...": newest commit first, as git walks.
            string? commit = null;
            using var tokens = new NulTokenReader(log.Output);
            var afterHeader = false;
            while (tokens.Next() is { } token)
            {
                if (token.StartsWith('\u0001'))
                {
                    commit = token[1..];
                    afterHeader = true;
                    continue;
                }
                var top = afterHeader && token.StartsWith('\n') ? token[1..] : token;
                afterHeader = false;
                if (commit is not null && repo.ToRootRelative(top) is { } path && FileKinds.IsHistoryRelevant(path))
                    deleted.TryAdd(path, commit);
            }
        }
        catch (IOException)
        {
            // Killed at its deadline: the deletions read so far stand, the rest are "not in the current tree".
        }
        log.Finish();
        return deleted;
    }
}
