using DjangoPreflight.Analysis.Discovery;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Code;

/// <summary>Which classes a project class named by its dotted path (a MIDDLEWARE entry) derives from,
/// followed through the project's modules: its own bases, classes of the same module, imports with
/// aliases and a package's re-exports (<c>from .domains import CsrfViewMiddleware</c> in an __init__.py).
/// A class of a module the project does not hold is named by its qualified path and not followed.</summary>
public sealed class ClassLineage(PythonSources sources, ModuleIndex index)
{
    private const int MaxDepth = 12;

    /// <summary>The qualified names of the classes <paramref name="dottedClass"/> derives from: the
    /// project's (itself included) and the outside ones where the project's stop (a package's or Django's,
    /// or a base that could not be resolved, named as written). Both empty when it is not a class of the project.</summary>
    public (IReadOnlySet<string> Project, IReadOnlySet<string> Outside) Ancestors(string dottedClass)
    {
        var lineage = Read(dottedClass);
        return (lineage.Project, lineage.Outside);
    }

    /// <summary>The project's classes of the lineage, the class itself first, then each base's in the order
    /// the bases are listed (depth first: Python's method resolution order for single inheritance), so
    /// the first that sets an attribute is the one whose value the class has. Empty when it is not a class of the project.</summary>
    public IReadOnlyList<ClassDef> Definitions(string dottedClass) => Read(dottedClass).Classes;

    /// <summary>True when <paramref name="dottedClass"/> is a project class deriving from <paramref name="baseClass"/> (qualified).</summary>
    public bool Derives(string dottedClass, string baseClass) =>
        dottedClass != baseClass && Ancestors(dottedClass) is var (project, outside) && (project.Contains(baseClass) || outside.Contains(baseClass));

    private Lineage Read(string dottedClass)
    {
        lock (_known)
            if (_known.TryGetValue(dottedClass, out var known)) return known;
        var lineage = new Lineage(new HashSet<string>(StringComparer.Ordinal), [], new HashSet<string>(StringComparer.Ordinal));
        var dot = dottedClass.LastIndexOf('.');
        if (dot <= 0 || Find(dottedClass[..dot], dottedClass[(dot + 1)..], 0) is not { Class: { } c } start)
            return lineage;
        Walk(start.Module, c, start.Qualified, lineage, 0);
        // Kept for the next rule that asks (every MIDDLEWARE entry is asked about by several checks).
        // Only names of the project's own classes are kept: they are as many as the classes and the
        // names importing them, whatever strings the settings hold.
        lock (_known) return _known.TryAdd(dottedClass, lineage) ? lineage : _known[dottedClass];
    }

    private readonly Dictionary<string, Lineage> _known = new(StringComparer.Ordinal);

    private sealed record Lineage(HashSet<string> Project, List<ClassDef> Classes, HashSet<string> Outside);

    private void Walk(string module, ClassDef node, string qualified, Lineage lineage, int depth)
    {
        if (!lineage.Project.Add(qualified) || depth > MaxDepth) return;
        lineage.Classes.Add(node);
        foreach (var b in node.Bases)
        {
            if (DottedName.Of(b) is not { } written)
            {
                lineage.Outside.Add("?"); // a computed base: unknown
                continue;
            }
            var head = written.Split('.')[0];
            var target = Find(module, head, 0);
            // module.Class: the head names a module (import x.y / from x import y), the rest is inside it.
            if (written.Length > head.Length && target is { Class: null } m)
                target = Find(m.Qualified, written[(head.Length + 1)..], 0);
            if (target is not { } t) lineage.Outside.Add(written);
            else if (t.Class is { } c) Walk(t.Module, c, t.Qualified, lineage, depth + 1);
            else lineage.Outside.Add(t.Qualified);
        }
    }

    /// <summary>What <paramref name="name"/> is in <paramref name="module"/>: a class the module defines,
    /// or where it is imported from (followed while the project holds that module).</summary>
    private (string Module, ClassDef? Class, string Qualified)? Find(string module, string name, int depth)
    {
        if (depth > MaxDepth) return null;
        if (name.Contains('.'))
        {
            var d = name.LastIndexOf('.');
            return Find(module + "." + name[..d], name[(d + 1)..], depth + 1);
        }
        if (index.PathOf(module) is not { } path || sources.Get(path)?.Module is not { } parsed)
            return (module, null, module + "." + name);
        ClassDef? defined = null;
        (string, ClassDef?, string)? imported = null;
        // The last binding of a top-level name wins, as when Python runs the module.
        foreach (var statement in parsed.Body)
            switch (statement)
            {
                case ClassDef c when c.Name == name:
                    defined = c;
                    imported = null;
                    break;
                case ImportFrom f when f.Names.FirstOrDefault(a => (a.AsName ?? a.Name) == name) is { } alias
                                       && index.Absolute(module, index.IsPackage(module), f.Level, f.ModuleName) is { } from:
                    defined = null;
                    // from package import submodule binds a module, not a name inside the package.
                    imported = index.PathOf(from + "." + alias.Name) is not null && Find(from, alias.Name, depth + 1) is not { Class: not null }
                        ? (from + "." + alias.Name, null, from + "." + alias.Name)
                        : Find(from, alias.Name, depth + 1);
                    break;
                case Import i when i.Names.FirstOrDefault(a => a.AsName == name || a.AsName is null && a.Name.Split('.')[0] == name) is { } alias:
                    defined = null;
                    var bound = alias.AsName is null ? name : alias.Name;
                    imported = (bound, null, bound);
                    break;
            }
        if (defined is not null) return (module, defined, module + "." + name);
        return imported;
    }
}
