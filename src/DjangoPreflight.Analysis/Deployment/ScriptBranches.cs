using System.Text.RegularExpressions;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// The lines of a shell script that run only when the script's own arguments ask for them: the body of
/// an <c>if</c>/<c>elif</c> whose condition tests a positional parameter (<c>[ "$1" = "--dev" ]</c>),
/// and the arms of a <c>case "$1" in</c> other than its <c>*)</c> default. A start script that runs
/// gunicorn by default and runserver under <c>--setup-devenv</c> starts runserver only when a
/// development setup passes that flag. Read over the script's logical lines;
/// a one-line <c>if ...; then ...; fi</c> counts as a line of the branch.
/// </summary>
public static partial class ScriptBranches
{
    /// <summary>The line numbers inside a branch selected by the script's arguments.</summary>
    public static HashSet<int> ArgumentSelected(IEnumerable<(string Text, int Line)> lines)
    {
        var selected = new HashSet<int>();
        // One entry per open if/case: whether the branch being read is selected by an argument.
        var open = new Stack<(bool IsCase, bool OnArguments, bool InSelectedBranch)>();
        foreach (var (text, line) in lines)
        {
            var words = text.TrimStart();
            if (StartsWord(words, "if"))
            {
                var onArguments = TestsArguments(words);
                if (EndsWord(words, "fi")) { if (onArguments) selected.Add(line); continue; }
                open.Push((false, onArguments, onArguments));
                continue;
            }
            if (StartsWord(words, "case"))
            {
                open.Push((true, TestsArguments(words[..Math.Max(0, words.IndexOf(" in", StringComparison.Ordinal) is var i and > 0 ? i : words.Length)]), false));
                continue;
            }
            if (open.Count > 0)
            {
                var top = open.Peek();
                if (!top.IsCase && StartsWord(words, "elif")) { open.Pop(); open.Push((false, top.OnArguments || TestsArguments(words), TestsArguments(words))); continue; }
                if (!top.IsCase && StartsWord(words, "else")) { open.Pop(); open.Push((false, top.OnArguments, false)); continue; }
                if (!top.IsCase && StartsWord(words, "fi")) { open.Pop(); continue; }
                if (top.IsCase && StartsWord(words, "esac")) { open.Pop(); continue; }
                if (top.IsCase && CaseArm().Match(words) is { Success: true } arm)
                {
                    open.Pop();
                    open.Push((true, top.OnArguments, top.OnArguments && arm.Groups[1].Value.Trim() != "*"));
                    if (open.Peek().InSelectedBranch) selected.Add(line);
                    continue;
                }
            }
            if (open.Any(o => o.InSelectedBranch)) selected.Add(line);
        }
        return selected;
    }

    private static bool StartsWord(string text, string word) =>
        text.StartsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || text[word.Length] is ' ' or '\t' or ';');

    private static bool EndsWord(string text, string word) =>
        text.TrimEnd().EndsWith(word, StringComparison.Ordinal) && text.TrimEnd() is var t && (t.Length == word.Length || t[^(word.Length + 1)] is ' ' or ';');

    private static bool TestsArguments(string condition) => PositionalParameter().IsMatch(condition);

    // $1..$9, ${1}, $@, $*, $# (the script's own arguments).
    [GeneratedRegex(@"\$(\{?[1-9]\}?|[@*#])", RegexOptions.NonBacktracking)]
    private static partial Regex PositionalParameter();

    // A case arm's pattern: `--dev)` or `"--dev"|-d)`, maybe followed by a command on the same line.
    [GeneratedRegex(@"^\(?([^()]+)\)", RegexOptions.NonBacktracking)]
    private static partial Regex CaseArm();
}
