using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

internal sealed partial class Interpreter
{
    private void ExecImport(Import imp)
    {
        foreach (var alias in imp.Names)
        {
            var full = ResolveModule(alias.Name, imp);
            if (alias.AsName is not null)
            {
                Bind(alias.AsName, full, imp);
                continue;
            }
            var top = alias.Name.Split('.')[0];
            Bind(top, top == alias.Name ? full : ResolveModule(top, imp), imp);
        }
    }

    private void ExecImportFrom(ImportFrom imp)
    {
        var absolute = _run.Index.Absolute(_globals.Module, _globals.IsPackage, imp.Level, imp.ModuleName);
        if (absolute is null)
            throw new PyRaise("ImportError", "attempted relative import beyond top-level package", Where(imp));
        var module = ResolveModule(absolute, imp);
        foreach (var alias in imp.Names)
        {
            if (alias.Name == "*")
            {
                StarImport(module, absolute, imp);
                continue;
            }
            PyValue value;
            if (module is PyProjectModule pm)
            {
                if (pm.Scope.Names.TryGetValue(alias.Name, out var b))
                {
                    // Keep where the name was really set, and what it depends on.
                    _reads.UnionWith(b.Deps);
                    var target = alias.AsName ?? alias.Name;
                    Bind(target, b.Value, imp);
                    Current[target] = Current[target] with { Location = b.Location ?? Loc(imp), Deps = Current[target].Deps.Union(b.Deps) };
                    continue;
                }
                if (_run.Index.PathOf($"{absolute}.{alias.Name}") is not null)
                    value = ResolveModule($"{absolute}.{alias.Name}", imp);
                else if (pm.Scope.Havoc is not null || _run.IsRunning(absolute))
                    value = new PyUnknown($"{alias.Name} from {absolute} could not be resolved");
                else
                    throw new PyRaise("ImportError", $"cannot import name '{alias.Name}' from '{absolute}'", Where(imp));
            }
            else
            {
                value = ModuleAttribute(absolute, alias.Name, module is PyModuleRef { Modelled: true });
            }
            Bind(alias.AsName ?? alias.Name, value, imp);
        }
    }

    private void StarImport(PyValue module, string absolute, ImportFrom imp)
    {
        if (module is not PyProjectModule pm)
        {
            HavocAll($"may be set by `from {absolute} import *` at {Where(imp)}, which is not read", imp);
            return;
        }
        if (_run.IsRunning(absolute))
            _run.Notices.Add($"{Where(imp)}: import cycle: {_globals.Module} imports {absolute} while {absolute} is still being imported; only the names set so far are seen");
        IEnumerable<string> names = pm.Scope.Names.Keys.Where(n => !n.StartsWith('_'));
        if (pm.Scope.Names.TryGetValue("__all__", out var all) && all.Value.AsStrings is { } exported)
            names = exported.Where(pm.Scope.Names.ContainsKey);
        var control = _reads.ToHashSet();
        foreach (var name in names.ToList())
        {
            var b = pm.Scope.Names[name];
            Current.Remove(name);
            Current[name] = b with { Deps = b.Deps.Union(control) };
        }
        if (pm.Scope.Havoc is { } havoc) _globals.MarkHavoc(havoc, pm.Scope.HavocLocalFile ?? LocalFileBranch);
    }

    /// <summary>A project module (evaluated), a library module we model, or an opaque third-party module.</summary>
    private PyValue ResolveModule(string absolute, Node at)
    {
        if (_run.Index.PathOf(absolute) is not null)
        {
            if (_run.IsRunning(absolute) && absolute != _globals.Module)
                _run.Notices.Add($"{Where(at)}: import cycle through {absolute}");
            var scope = _run.Import(absolute)!;
            return new PyProjectModule(absolute, scope);
        }
        var top = absolute.Split('.')[0];
        if (_run.Index.PathOf(top) is not null || absolute.StartsWith(_globals.Module.Split('.')[0] + ".", StringComparison.Ordinal) && _globals.Module.Contains('.'))
            return AbsentProjectModule(absolute, at);
        if (!KnownModules.IsModelled(top) && _run.Declared is { } declared && !declared.IsDeclared(top))
        {
            if (_run.AssumedInstalled.TryGetValue(top, out var installed))
            {
                if (!installed) throw new PyRaise("ModuleNotFoundError", $"No module named '{top}'", Where(at));
            }
            else if (_importGuards > 0)
                throw new UncertainImport(top, $"whether {top} is installed in production (it is not in the dependency files)");
        }
        return new PyModuleRef(absolute, KnownModules.IsModelled(absolute));
    }

    /// <summary>
    /// A module of the project's packages that the repository does not hold. Importing it fails,
    /// unless git ignores its file and a try guards the import: then it is an override module that some
    /// deployments have (local_settings.py), and both outcomes are followed.
    /// </summary>
    private PyValue AbsentProjectModule(string absolute, Node at)
    {
        var key = "module " + absolute;
        if (_run.AssumedInstalled.TryGetValue(key, out var present))
        {
            if (present) return new PyModuleRef(absolute, false);
        }
        else if (_importGuards > 0 && _run.IgnoredByGit(_run.Index.CandidatePath(absolute)) is { } path)
            throw new UncertainImport(key, $"whether {path} exists in production: {LocalFile.Ignored}", new LocalFile(path, LocalFile.Ignored, Where(at)));
        throw new PyRaise("ModuleNotFoundError", $"No module named '{absolute}'", Where(at));
    }

    /// <summary>importlib.import_module(name) and __import__(name): the module, or for __import__ its top package.</summary>
    private PyValue ImportByName(string name, Node at, bool top)
    {
        var module = ResolveModule(name, at);
        return top && name.Contains('.') ? ResolveModule(name[..name.IndexOf('.')], at) : module;
    }

    /// <summary>Number of enclosing try statements that catch ImportError.</summary>
    private int _importGuards;

    /// <summary>Number of enclosing try statements that catch FileNotFoundError (OSError, IOError).</summary>
    private int _fileGuards;

    /// <summary>An import of a package the dependency files do not declare, inside a try that catches
    /// ImportError: it may or may not be installed in production, so the try runs both ways.</summary>
    private sealed class UncertainImport(string module, string why, LocalFile? file = null) : Exception
    {
        public string Module { get; } = module;

        /// <summary>Set for a local file the repository does not hold (git-ignored, or outside it): the
        /// operator's own configuration, so what it may set is a <see cref="PyOverridable"/>.</summary>
        public LocalFile? File { get; } = file;

        /// <summary>Why both outcomes are followed, said in the reason of what they leave unknown.</summary>
        public string Why { get; } = why;
    }

    private PyValue ModuleAttribute(string module, string attr, bool modelled)
    {
        if (KnownModules.Attribute(module, attr) is { } known) return known;
        if (modelled && KnownModules.IsModelled($"{module}.{attr}")) return new PyModuleRef($"{module}.{attr}", true);
        return new PyModuleRef($"{module}.{attr}", KnownModules.IsModelled($"{module}.{attr}"));
    }
}
