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
                else if (pm.Scope.OpaqueStarImports.Count > 0 || _run.IsRunning(absolute))
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
            _globals.OpaqueStarImports.Add(absolute);
            _run.Notices.Add($"{Where(imp)}: `from {absolute} import *` is not a project module; names it defines are unknown");
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
        foreach (var opaque in pm.Scope.OpaqueStarImports)
            if (!_globals.OpaqueStarImports.Contains(opaque)) _globals.OpaqueStarImports.Add(opaque);
    }

    /// <summary>A project module (evaluated), a library module we model, or an opaque third-party module.</summary>
    private PyValue ResolveModule(string absolute, Statement at)
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
            throw new PyRaise("ModuleNotFoundError", $"No module named '{absolute}'", Where(at));
        if (!KnownModules.IsModelled(top) && _run.Declared is { } declared && !declared.IsDeclared(top))
        {
            if (_run.AssumedInstalled.TryGetValue(top, out var installed))
            {
                if (!installed) throw new PyRaise("ModuleNotFoundError", $"No module named '{top}'", Where(at));
            }
            else if (_importGuards > 0)
                throw new UncertainImport(top);
        }
        return new PyModuleRef(absolute, KnownModules.IsModelled(absolute));
    }

    /// <summary>Number of enclosing try statements that catch ImportError.</summary>
    private int _importGuards;

    /// <summary>An import of a package the dependency files do not declare, inside a try that catches
    /// ImportError: it may or may not be installed in production, so the try runs both ways.</summary>
    private sealed class UncertainImport(string module) : Exception
    {
        public string Module { get; } = module;
    }

    private PyValue ModuleAttribute(string module, string attr, bool modelled)
    {
        if (KnownModules.Attribute(module, attr) is { } known) return known;
        if (modelled && KnownModules.IsModelled($"{module}.{attr}")) return new PyModuleRef($"{module}.{attr}", true);
        return new PyModuleRef($"{module}.{attr}", KnownModules.IsModelled($"{module}.{attr}"));
    }
}
