using DjangoPreflight.Analysis.Project;
using DjangoPreflight.Core;
using DjangoPreflight.Core.Files;

namespace DjangoPreflight.Analysis.Environment;

/// <summary>
/// The environment the settings are evaluated under: exactly the variables of the --env-file files
/// (in order, later wins), then --env pairs, on top of the process environment only with
/// --inherit-env. A variable not in the profile is missing, as if the process ran with exactly this
/// environment.
/// </summary>
public sealed class EnvProfile
{
    public EnvProfile(IReadOnlyDictionary<string, string> variables, IReadOnlyList<string> sources)
    {
        Variables = variables;
        Sources = sources;
    }

    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>Where the variables came from, for display ("--env-file prod.env", "--env", ...).</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>For a profile taken from the production deployment files: where each variable is set
    /// and how (<see cref="EnvOrigin"/>). Empty for a profile the user gave.</summary>
    public IReadOnlyDictionary<string, EnvOrigin> Origins { get; init; } = new Dictionary<string, EnvOrigin>(StringComparer.Ordinal);

    /// <summary>For a profile taken from the production deployment files: the variables they pass in
    /// from outside the repository (a compose <c>${X}</c> without a default) and that no env file of
    /// theirs ships even in part (<c>X=http://${DOMAIN}</c> says what production runs), with where.
    /// Production sets them; their values are unknown here, so the settings were evaluated as if they were missing.</summary>
    public IReadOnlyDictionary<string, EnvOrigin> PassedIn { get; init; } = new Dictionary<string, EnvOrigin>(StringComparer.Ordinal);

    public static readonly EnvProfile Empty = new(new Dictionary<string, string>(StringComparer.Ordinal), []);

    public bool TryGet(string name, out string value) => Variables.TryGetValue(name, out value!);

    /// <summary>The same profile without <paramref name="name"/>: the "what if it is missing" question.</summary>
    public EnvProfile Without(string name)
    {
        var copy = new Dictionary<string, string>(Variables, StringComparer.Ordinal);
        copy.Remove(name);
        return new EnvProfile(copy, Sources) { Origins = Origins, PassedIn = PassedIn };
    }

    /// <summary>True when the user named an environment (--env-file, --env, --inherit-env, or the
    /// configuration's env-files); otherwise the production deployment files give it.</summary>
    public static bool GivenByUser(ScanOptions options) =>
        options.EnvFiles.Count > 0 || options.EnvPairs.Count > 0 || options.InheritEnvironment;

    public static EnvProfile Load(ScanOptions options, ProjectDiagnostics diagnostics)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<string>();
        if (options.InheritEnvironment)
        {
            foreach (System.Collections.DictionaryEntry e in System.Environment.GetEnvironmentVariables())
                vars[(string)e.Key] = (string?)e.Value ?? "";
            sources.Add("process environment (--inherit-env)");
        }
        foreach (var file in options.EnvFiles)
        {
            string text;
            try
            {
                text = BoundedFile.ReadText(file, BoundedFile.CommandLineMaxBytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Notice($"--env-file {file}: unreadable ({e.Message})");
                continue;
            }
            var problems = new List<DotEnvProblem>();
            foreach (var (k, v) in DotEnvParser.Parse(text, problems))
                vars[k] = v;
            foreach (var p in problems)
                diagnostics.Notice($"--env-file {Path.GetFileName(file)}:{p.Line}: {p.Message}");
            sources.Add($"--env-file {Path.GetFileName(file)}");
        }
        foreach (var (k, v) in options.EnvPairs)
            vars[k] = v;
        if (options.EnvPairs.Count > 0) sources.Add("--env");
        return new EnvProfile(vars, sources);
    }
}

/// <summary>Where a deployment file sets a variable: its file:line and what sets it there, e.g.
/// "compose service web, the default of ${ALLOWED_HOSTS:-…}". Never the value (it may be a secret).</summary>
public sealed record EnvOrigin(SourceLocation Location, string How)
{
    public override string ToString() => $"{Location} ({How})";
}
