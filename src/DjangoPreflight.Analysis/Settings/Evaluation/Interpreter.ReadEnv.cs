using DjangoPreflight.Analysis.Environment;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// django-environ's <c>Env.read_env(env_file=None, overwrite=False)</c>: it loads a dotenv file into
/// os.environ with setdefault (the environment wins unless <c>overwrite=True</c>); without a path it
/// reads <c>.env</c> beside the calling file. What production gets depends on who holds that file: a
/// committed one is loaded as it would be; a git-ignored one (or one outside the repository) is the
/// deployed host's own, like its environment; one that is neither held nor ignored is absent from any
/// checkout, so it sets nothing. Each case is said in a notice.
/// </summary>
internal sealed partial class Interpreter
{
    private PyValue ReadEnv(CallArgs args, Node at)
    {
        var given = args.Get(0, "env_file");
        var path = given switch
        {
            null or PyNone => System.IO.Path.Combine(_run.AbsoluteRoot, Methods.DirName(File), ".env").Replace('\\', '/'),
            PyEnvironPath p => p.Root,
            PyStr or PyPath => Py.ToStr(given),
            _ => null,
        };
        var call = $"{Where(at)}: Env.read_env()";
        if (path is null || !path.StartsWith('/'))
        {
            _run.Notices.Add($"{call} reads a file whose path is not known: its variables are not followed; they come only from --env-file/--env");
            return PyNone.Instance;
        }
        var relative = RelativeToRoot(path);
        if (relative is null || _run.IgnoredByGit(relative) is not null)
        {
            var whose = relative is null ? $"{path}, outside the repository" : $"{relative}, which git ignores";
            _run.Notices.Add($"{call} reads {whose}: the deployed host's own file, like its environment; not read, so its variables come only from --env-file/--env");
            return PyNone.Instance;
        }
        if (_run.Files is not { } files || !IsProjectFile(files, relative))
        {
            _run.Notices.Add($"{call} reads {relative}, which the repository does not hold and git does not ignore: a deployed checkout lacks it too, so it sets nothing");
            return PyNone.Instance;
        }
        if (files.ReadText(relative) is not { Length: <= MaxFileChars } text)
        {
            _run.Notices.Add($"{call} reads {relative}, which could not be read: its variables are not followed");
            return PyNone.Instance;
        }
        var overwrite = args.Get(1, "overwrite")?.Truthy == true;
        var variables = DotEnvParser.Parse(text);
        foreach (var (name, value) in variables)
            if (overwrite || _run.GetEnv(name) is null)
                _run.SetEnv(name, value);
        _run.Notices.Add(overwrite
            ? $"{call} reads {relative}, which the repository holds: its {variables.Count} variables replace the environment's (overwrite=True)"
            : $"{call} reads {relative}, which the repository holds: its {variables.Count} variables apply wherever the environment does not set them");
        return PyNone.Instance;
    }
}
