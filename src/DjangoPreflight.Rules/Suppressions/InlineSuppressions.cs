using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Rules.Suppressions;

/// <summary>
/// Hides the findings a <c># preflight: ignore[ID, ...]</c> (or bare <c># preflight: ignore</c>)
/// comment on their line covers, and says in the summary how many it hid and which directives hid
/// nothing. A directive is only reported unused for a rule that ran (with <c>--select</c> a
/// directive for another rule is not stale); a bare one only when every rule ran. Like Ruff's noqa,
/// a directive applies to the line it is on (in a Dockerfile, to the instruction below it).
/// </summary>
public static class InlineSuppressions
{
    public static Filtered Apply(IReadOnlyList<Finding> findings, ProjectFiles files, IReadOnlyCollection<string> rulesRan)
    {
        var directives = Directives(files);
        if (directives.Count == 0) return new Filtered(findings, []);
        var used = new HashSet<(string Path, int Line, string? RuleId)>();
        var kept = new List<Finding>(findings.Count);
        var hidden = new List<SuppressedFinding>();
        foreach (var f in findings)
        {
            var covering = f.Location is { Path: { } path, Line: { } line } && directives.TryGetValue((path, line), out var here)
                ? here.Where(d => d.Covers(f.RuleId)).ToList()
                : [];
            foreach (var d in covering) used.Add((f.Location.Path!, f.Location.Line!.Value, d.IsBare ? null : f.RuleId));
            if (covering.Count > 0) hidden.Add(new SuppressedFinding(f, SuppressionKind.InSource, $"{covering[0]} comment on {f.Location}"));
            else kept.Add(f);
        }
        var notices = new List<string>();
        if (hidden.Count > 0) notices.Add($"{Filtered.Plural(hidden.Count, "finding")} suppressed by `# preflight: ignore` comments");
        var allRan = ProjectRuleSet.All.All(r => rulesRan.Contains(r.Descriptor.Id));
        foreach (var ((path, line), list) in directives)
            foreach (var d in list)
                notices.AddRange(Problems(d, path, line, used, rulesRan, allRan));
        return new Filtered(kept, notices) { Hidden = hidden };
    }

    private static IEnumerable<string> Problems(SuppressionComment d, string path, int line, HashSet<(string, int, string?)> used, IReadOnlyCollection<string> rulesRan, bool allRan)
    {
        var where = $"{path}:{line}";
        if (d.Error is not null)
        {
            yield return $"{where}: `# preflight: ignore` directive not understood ({d.Error}); it suppresses nothing";
            yield break;
        }
        if (d.IsBare)
        {
            if (allRan && !used.Contains((path, line, null))) yield return $"{where}: `# preflight: ignore` suppressed nothing (no finding on this line)";
            yield break;
        }
        foreach (var id in d.RuleIds)
        {
            if (!ProjectRuleSet.All.Any(r => r.Descriptor.Id == id))
                yield return $"{where}: `# preflight: ignore[{id}]` names no rule of django-preflight scan";
            else if (rulesRan.Contains(id) && !used.Contains((path, line, id)))
                yield return $"{where}: `# preflight: ignore[{id}]` suppressed nothing (no {id} finding on this line)";
        }
    }

    /// <summary>Every directive of the project by (path, line covered). Read from every file whose
    /// format has comments, not only files with findings, so stale directives are reported too.</summary>
    private static Dictionary<(string Path, int Line), List<SuppressionComment>> Directives(ProjectFiles files)
    {
        var byLine = new Dictionary<(string, int), List<SuppressionComment>>();
        // A file the rules read and found without the tool's name is not read again: on a large
        // project that skips nearly every file, which the parse pass has just read.
        foreach (var path in files.All.Where(SuppressionComments.Supports).Where(files.MayMentionTool))
        {
            // Uncached: nearly every file is dropped at once (no "preflight" in it), and the parse pass
            // must not find every application file's bytes held for the rest of the scan. The read
            // itself looked for the name, so a file without it is not searched a second time.
            if (files.ReadBytesUncached(path) is not { } bytes || !files.MayMentionTool(path)) continue;
            foreach (var d in SuppressionComments.Read(path, bytes))
            {
                if (!byLine.TryGetValue((path, d.Line), out var list)) byLine[(path, d.Line)] = list = [];
                list.Add(d);
            }
        }
        return byLine;
    }
}
