using DjangoPreflight.Analysis.Configuration;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>A path django-split-settings' <c>optional()</c> marked: include() skips it when no file matches.</summary>
internal sealed record PyOptionalFile(string Path) : PyOpaque
{
    public override string Describe => $"optional({Path})";
}

/// <summary>
/// django-split-settings: <c>include('components/*.py', optional('local.py'))</c> runs each matching
/// file, in turn, in the including module's namespace (or the <c>scope=</c> it is given), paths
/// relative to the file that calls it. The components the repository holds are evaluated here like
/// the module's own statements, each located in its own file. A required file that matches nothing
/// fails the import (OSError), as it does in Python; an optional one that git ignores is the
/// operator's local file, which some deployments have: both outcomes are followed. Nothing outside
/// the repository is read.
/// </summary>
internal sealed partial class Interpreter
{
    private PyValue SplitSettings(string name, CallArgs args, Node at)
    {
        if (name == "split_settings.optional")
        {
            var path = args.Get(0, "filename");
            return path switch
            {
                PyStr s => new PyOptionalFile(s.Value),
                PyPath p => new PyOptionalFile(p.Value),
                PyNone => new PyOptionalFile(""),
                _ => new PyUnknown("optional() of a path that is not known"),
            };
        }
        var target = args.Get(-1, "scope") switch
        {
            null or PyNone => _globals,
            PyGlobals g => g.Scope,
            _ => null,
        };
        if (target is null)
        {
            HavocRunning($"may be set by include() at {Where(at)} into a namespace that is not known", at);
            return PyNone.Instance;
        }
        foreach (var item in args.Positional)
            Include(item, target, at);
        return PyNone.Instance;
    }

    private void Include(PyValue item, ModuleScope target, Node at)
    {
        var (pattern, optional) = item switch
        {
            PyStr s => (s.Value, false),
            PyPath p => (p.Value, false),
            PyOptionalFile o => (o.Path, true),
            _ => (null, false),
        };
        if (pattern is null)
        {
            HavocScope(target, $"may be set by include() at {Where(at)} of a file that is not known", Where(at));
            return;
        }
        if (optional && pattern.Length == 0) return;
        var relative = IncludedPath(pattern);
        if (relative is null)
        {
            // Outside the repository: never read, so what it sets is unknown (and whether it exists).
            HavocScope(target, $"may be set by include() at {Where(at)} of {pattern}, which is outside the repository", Where(at));
            return;
        }
        var matches = Matching(relative);
        if (matches.Count == 0)
        {
            IncludeAbsent(relative, optional, target, at);
            return;
        }
        var fresh = matches.Where(m => !target.IncludedFiles.Contains(m)).ToList();
        if (fresh.Count > 1)
            _run.Notices.Add($"{Where(at)}: include() of {pattern} runs {fresh.Count} files, here in name order; Python's glob gives them in the directory's order, so where they set the same name, production's value may differ");
        foreach (var file in fresh)
        {
            target.IncludedFiles.Add(file);
            var parsed = _run.Parsed.Get(file);
            if (parsed is null)
            {
                HavocScope(target, $"may be set by {file}, which include() at {Where(at)} runs and which could not be read", Where(at));
                continue;
            }
            if (parsed.HasErrors)
                throw new PyRaise("SyntaxError", parsed.Diagnostics[0].Message, $"{file}:{parsed.Diagnostics[0].Line}");
            var component = new Interpreter(_run, target, file) { _reads = _reads, _control = _control, _localFiles = _localFiles };
            component.ExecBlock(parsed.Module.Body);
        }
    }

    /// <summary>No file matches: OSError for a required one; an optional one that git ignores may exist in production.</summary>
    private void IncludeAbsent(string relative, bool optional, ModuleScope target, Node at)
    {
        var ignored = _run.IgnoredByGit(relative);
        if (!optional)
        {
            if (ignored is null) throw new PyRaise("OSError", $"No such file: {relative}", Where(at));
            // Production must have it, or importing the settings fails; what it sets is not in the repository.
            HavocScope(target, $"may be set by {relative}, which include() at {Where(at)} requires and git ignores", Where(at));
            return;
        }
        if (ignored is null) return;
        var reason = $"may be set by {relative}, which include() at {Where(at)} runs when it exists; git ignores it, so the repository does not hold it";
        if (!ReferenceEquals(target, _globals))
        {
            HavocScope(target, reason, Where(at));
            return;
        }
        ExecWithAndWithout(new LocalFile(relative, LocalFile.Ignored, Where(at)),
            () =>
            {
                HavocScope(target, reason, Where(at));
                return Flow.Normal;
            },
            () => Flow.Normal,
            $"whether {relative} exists in production: git ignores it, so the repository does not hold it", at);
    }

    /// <summary>The pattern as a root-relative path, joined to the including file's folder; null when it leaves the repository.</summary>
    private string? IncludedPath(string pattern)
    {
        if (pattern.StartsWith('/')) return RelativeToRoot(pattern);
        var folder = Methods.DirName(File);
        var joined = Methods.NormPath(Methods.JoinPath(folder, pattern));
        return joined == ".." || joined.StartsWith("../", StringComparison.Ordinal) || joined.StartsWith('/') ? null : joined;
    }

    /// <summary>The repository's files the glob pattern matches, in name order.</summary>
    private List<string> Matching(string relative)
    {
        if (_run.Files is not { } files) return [];
        if (relative.IndexOfAny(['*', '?', '[']) < 0)
            return IsProjectFile(files, relative) ? [relative] : [];
        if (PathGlob.TryParse("/" + relative, out _) is not { } glob) return [];
        return [.. files.All.Where(glob.MatchesEntry).Order(StringComparer.Ordinal)];
    }
}
