using System.Text.RegularExpressions;
using DjangoPreflight.Analysis.Deployment.Roles;
using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Deployment;

/// <summary>
/// Python programs of the project that deployment commands start (<c>python jms start all</c> in an
/// entrypoint), read for the steps they run themselves through Django's <c>call_command</c>: a
/// program that calls collectstatic collects the static files as surely as the command line would.
/// Only a program written as a project path relative to the command's file or the root is followed;
/// <c>manage.py</c> is left to the command's own words.
/// </summary>
internal static partial class PythonPrograms
{
    /// <param name="commandLines">Command lines of deployment files other than CI workflows.</param>
    public static IEnumerable<SourceLocation> CollectstaticCalls(IEnumerable<(string Path, string Text, int Line)> commandLines, ProjectFiles files, ReferenceFinder finder)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, text, _) in commandLines)
            foreach (var program in ProgramsRun(text))
            {
                var found = new[] { ProjectPath.Join(ReferenceFinder.Folder(path), program), ProjectPath.Normalize(program) }
                    .FirstOrDefault(p => p is not null && finder.IsFile(p));
                if (found is null || ProjectFiles.FileName(found) == "manage.py" || !read.Add(found) || files.ReadText(found) is not { } source) continue;
                if (CallsCollectstatic().Match(source) is { Success: true } m)
                    yield return new SourceLocation(found, source.AsSpan(0, m.Index).Count('\n') + 1);
            }
    }

    /// <summary>The program each <c>python</c>/<c>python3</c>/<c>python3.12</c> of a command line runs:
    /// its first word that is not an option; none after <c>-m</c> or <c>-c</c>.</summary>
    private static IEnumerable<string> ProgramsRun(string command)
    {
        var words = ShellWords.Split(command).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (!Interpreter().IsMatch(ProjectFiles.FileName(words[i]))) continue;
            var j = i + 1;
            while (j < words.Count && words[j].StartsWith('-') && words[j] is not ("-m" or "-c")) j++;
            if (j < words.Count && !words[j].StartsWith('-') && !words[j].StartsWith('/') && !words[j].Contains('$')) yield return words[j];
        }
    }

    // Anchored, one bounded try: source-generated, so free to build.
    [GeneratedRegex(@"^python(?:\d(?:\.\d+)?)?$")]
    private static partial Regex Interpreter();

    [GeneratedRegex("""call_command\(\s*["']collectstatic["']""", RegexOptions.NonBacktracking)]
    private static partial Regex CallsCollectstatic();
}
