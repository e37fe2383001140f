using System.Collections.Immutable;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Ast = DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Abstract interpreter for the statements settings files use. It never runs project code: it
/// computes what the code would compute when every input is known, and otherwise an unknown with
/// the reason. Env vars read are tracked per name (data and control dependencies).
/// </summary>
internal sealed partial class Interpreter
{
    private enum Flow { Normal, Return, Break, Continue }

    private readonly EvaluationRun _run;
    private readonly ModuleScope _globals;
    private Dictionary<string, Binding>? _locals;
    private HashSet<string>? _declaredGlobal;
    private PyValue _returnValue = PyNone.Instance;

    /// <summary>Env vars read by the statement being executed (plus the enclosing conditions').</summary>
    private HashSet<string> _reads = new(StringComparer.Ordinal);

    /// <summary>Env vars the enclosing if/while conditions depend on.</summary>
    private ImmutableSortedSet<string> _control = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    private int _depth;

    /// <summary>The file whose statements this interpreter runs when it is not the module's own: a
    /// settings component that django-split-settings' include() runs in the including module's namespace.</summary>
    private readonly string? _file;

    public Interpreter(EvaluationRun run, ModuleScope globals, string? file = null)
    {
        _run = run;
        _globals = globals;
        _file = file;
    }

    private string File => _file ?? _globals.Path ?? _globals.Module;

    private SourceLocation Loc(Node node) => new(_file ?? _globals.Path, node.Lineno, node.ColOffset + 1);

    private string Where(Node node) => $"{File}:{node.Lineno}";

    public void ExecModule(Module module)
    {
        var abs = System.IO.Path.Combine(_run.AbsoluteRoot, File).Replace('\\', '/');
        Bind("__file__", new PyStr(abs), null);
        Bind("__name__", new PyStr(_globals.Module), null);
        Bind("__package__", new PyStr(_globals.IsPackage ? _globals.Module : _globals.Module[..Math.Max(0, _globals.Module.LastIndexOf('.'))]), null);
        if (_globals.IsPackage) Bind("__path__", Py.List([new PyStr(abs[..abs.LastIndexOf('/')])]), null);
        var parsed = _run.Parsed.Get(File);
        var errorLine = int.MaxValue;
        if (parsed is { HasErrors: true })
        {
            var error = parsed.Diagnostics[0];
            errorLine = error.Line;
            _run.Raises.Add($"{File}:{error.Line}: SyntaxError: {error.Message}");
        }
        var body = module.Body;
        for (var i = 0; i < body.Length; i++)
        {
            var stmt = body[i];
            if (stmt.EndLineno >= errorLine)
            {
                // The text from the error on did not parse: what it would set is not known. The
                // statements after it that did parse still run, and what they set is known again.
                HavocAll($"may be set by {File}:{errorLine}, which could not be parsed ({parsed!.Diagnostics[0].Message})", stmt);
                errorLine = int.MaxValue;
            }
            try
            {
                // What this statement reads, alone: a deliberate raise names the variables it depends on.
                _reads = new HashSet<string>(StringComparer.Ordinal);
                ExecStatement(stmt);
            }
            catch (PyRaise e)
            {
                // Importing the module would stop here. We note it and go on, so the rest can still be
                // reported; what this statement would have set is unknown, saying why.
                e.Where ??= Where(stmt);
                _run.Raises.Add($"{e.Where}: {e.Type}: {e.Message}");
                if (e.Deliberate)
                    _run.Refusals.Add(new Refusal(e.Where, e.Type, e.Variable is { } v ? [v] : [.. _reads.Order(StringComparer.Ordinal)]));
                foreach (var name in AssignedNames([stmt]))
                    Bind(name, new PyUnknown($"raises {e.Type}: {e.Message}"), stmt);
            }
            catch (BudgetExceeded)
            {
                var limit = _run.Budget.Expired ? "the scan's time budget ran out" : $"work limit of {EvaluationRun.MaxSteps} steps reached";
                if (_run.Budget.Expired) _run.Budget.CutShort("settings evaluation stopped", Where(stmt));
                _globals.MarkHavoc($"may be set by the statements from {Where(stmt)} on, which were not evaluated ({limit})", byLocalFile: null);
                _run.Notices.Add($"{Where(stmt)}: evaluation stopped, {limit}");
                foreach (var name in AssignedNames(body[i..]))
                    Bind(name, new PyUnknown($"not evaluated: {(_run.Budget.Expired ? "the scan's time budget ran out" : "work limit reached")}"), stmt);
                return;
            }
        }
        // The error is past the last statement that parsed (or nothing parsed at all): the notice
        // names the error's line, since the module itself has none.
        if (errorLine != int.MaxValue)
            HavocScope(_globals, $"may be set by {File}:{errorLine}, which could not be parsed ({parsed!.Diagnostics[0].Message})", $"{File}:{errorLine}");
    }

    private void Step()
    {
        // The clock is read every 1024 steps: a step is well under a microsecond.
        if (++_run.Steps > EvaluationRun.MaxSteps || (_run.Steps & 1023) == 0 && _run.Budget.Expired) throw new BudgetExceeded();
    }

    private Flow ExecBlock(ImmutableArray<Statement> body)
    {
        foreach (var stmt in body)
        {
            var flow = ExecStatement(stmt);
            if (flow != Flow.Normal) return flow;
        }
        return Flow.Normal;
    }

    private Flow ExecStatement(Statement stmt)
    {
        Step();
        var outer = _reads;
        _reads = new HashSet<string>(_control, StringComparer.Ordinal);
        try
        {
            return Exec(stmt);
        }
        finally
        {
            outer.UnionWith(_reads);
            _reads = outer;
        }
    }

    private Flow Exec(Statement stmt)
    {
        switch (stmt)
        {
            case Assign a:
            {
                var value = Eval(a.Value);
                foreach (var t in a.Targets) AssignTo(t, value, stmt);
                return Flow.Normal;
            }
            case AnnAssign a:
                if (a.Value is not null) AssignTo(a.Target, Eval(a.Value), stmt);
                return Flow.Normal;
            case AugAssign a:
            {
                var rhs = Eval(a.Value);
                // list += and dict/set |= change the object in place; numbers and strings rebind.
                var before = a.Target is Name tn ? Lookup(tn.Id)?.Value : null;
                var inPlace = a.Op == Operator.Add && before is PyList || a.Op == Operator.BitOr && before is PyDict or PySet;
                Mutate(a.Target, old => old is null ? throw new PyRaise("NameError", $"name '{TargetText(a.Target)}' is not defined") : AugmentedOp(old, a.Op, rhs), stmt, inPlace);
                return Flow.Normal;
            }
            case Expr e:
                Eval(e.Value);
                return Flow.Normal;
            case If i:
                return ExecIf(i);
            case Try t:
                return ExecTry(t.Body, t.Handlers, t.OrElse, t.FinalBody);
            case TryStar t:
                return ExecTry(t.Body, t.Handlers, t.OrElse, t.FinalBody);
            case Import imp:
                ExecImport(imp);
                return Flow.Normal;
            case ImportFrom imp:
                ExecImportFrom(imp);
                return Flow.Normal;
            case FunctionDef f:
                Bind(f.Name, DecoratedFunction(f), stmt);
                return Flow.Normal;
            case AsyncFunctionDef f:
                Bind(f.Name, new PyUnknown($"async function {f.Name}"), stmt);
                return Flow.Normal;
            case ClassDef c:
                Bind(c.Name, MakeClass(c), stmt);
                return Flow.Normal;
            case Return r:
                _returnValue = r.Value is null ? PyNone.Instance : Eval(r.Value);
                return Flow.Return;
            case Pass:
                return Flow.Normal;
            case Break:
                return Flow.Break;
            case Continue:
                return Flow.Continue;
            case For f:
                return ExecFor(f);
            case While w:
                return ExecWhile(w);
            case Raise r:
                throw MakeRaise(r);
            case Assert a:
                if (Eval(a.Test).Truthy == false)
                    throw new PyRaise("AssertionError", a.Msg is null ? "" : Py.ToStr(Eval(a.Msg)) ?? "", Where(stmt)) { Deliberate = true };
                return Flow.Normal;
            case Global g:
                _declaredGlobal ??= new HashSet<string>(StringComparer.Ordinal);
                foreach (var n in g.Names) _declaredGlobal.Add(n);
                return Flow.Normal;
            case Delete d:
                foreach (var t in d.Targets)
                    if (t is Name n) Current.Remove(n.Id);
                    else Havoc(t, stmt, "deleted item");
                return Flow.Normal;
            case With w:
                return ExecWith(w, 0);
            default:
                // match, async constructs, type aliases...: whatever they assign becomes unknown.
                foreach (var name in AssignedNames([stmt]))
                    Bind(name, new PyUnknown($"set by a {stmt.GetType().Name} statement, which is not evaluated"), stmt);
                if (MayWriteAnyGlobal([stmt])) HavocAll($"may be set by the {stmt.GetType().Name} statement at {Where(stmt)}, which is not evaluated", stmt);
                return Flow.Normal;
        }
    }

    private PyRaise MakeRaise(Raise r)
    {
        if (r.Exc is null) return new PyRaise("RuntimeError", "re-raise", Where(r));
        var exc = Eval(r.Exc);
        return exc switch
        {
            PyExceptionClass c => new PyRaise(c.Name, c.Message ?? "", Where(r)) { Deliberate = true },
            _ => new PyRaise("Exception", Py.ToStr(exc) ?? "an exception", Where(r)) { Deliberate = true },
        };
    }

    private Flow ExecIf(If i)
    {
        var test = Eval(i.Test);
        var truth = test.Truthy;
        var saved = _control;
        _control = _control.Union(_reads);
        try
        {
            if (truth is bool taken)
            {
                // A name the branch not taken would have set keeps its value only because of the
                // condition: it depends on the variables the condition reads (DATABASES stays SQLite
                // because DB is not "postgres"), which the explicit reads alone would miss.
                DependOn(AssignedNames(taken ? i.OrElse : i.Body), _control);
                return ExecBlockHere(taken ? i.Body : i.OrElse);
            }
            if (test is PyOverridable { Repository.Truthy: bool without } overridable) return ExecOverridableIf(i, overridable, without);
            var why = $"condition `{Snippet(i.Test)}` at {Where(i)} is unknown" + (test is PyUnknown u ? $" ({u.Reason})" : "");
            return ExecBoth(() => ExecBlock(i.Body), () => ExecBlock(i.OrElse), why, i);
        }
        finally
        {
            _control = saved;
        }
    }

    private Flow ExecBlockHere(ImmutableArray<Statement> body)
    {
        var flow = ExecBlock(body);
        return flow;
    }

    /// <summary>
    /// Runs both branches of an undecidable condition on copies of the namespace and joins them: a
    /// name both sides leave equal keeps its value; otherwise it is unknown. A branch that raises
    /// is the path where importing fails, so the other branch's state is what a running site sees.
    /// </summary>
    /// <param name="withoutLocalFile">The second branch is the project without this local file it does not
    /// hold (the first ran with it): a name the two leave different is a <see cref="PyOverridable"/>.</param>
    private Flow ExecBoth(Func<Flow> first, Func<Flow> second, string why, Node at, LocalFile? withoutLocalFile = null)
    {
        var start = Snapshot();
        PyRaise? r1 = null, r2 = null;
        Flow f1 = Flow.Normal, f2 = Flow.Normal;
        try { f1 = first(); } catch (PyRaise e) { r1 = e; }
        var afterFirst = Snapshot();
        var returnedFirst = _returnValue;
        Restore(start);
        try { f2 = second(); } catch (PyRaise e) { r2 = e; }
        var afterSecond = Snapshot();
        if (r1 is not null && r2 is not null) throw r1;
        if (r1 is not null)
        {
            _run.Notices.Add($"{r1.Where ?? Where(at)}: may raise {r1.Type} ({why})");
            return f2;
        }
        if (r2 is not null)
        {
            Restore(afterFirst);
            _returnValue = returnedFirst;
            _run.Notices.Add($"{r2.Where ?? Where(at)}: may raise {r2.Type} ({why})");
            return f1;
        }
        Restore(Join(afterFirst, afterSecond, why, withoutLocalFile));
        // Both sides return: the result is what both return, else unknown (or what the repository's side returns).
        if (f1 == Flow.Return && f2 == Flow.Return)
            _returnValue = JoinValue(returnedFirst, _returnValue, why, withoutLocalFile);
        // Break/return on only one side: we cannot follow both, so the loop or function result is unknown.
        if (f1 == f2) return f1;
        if (f1 == Flow.Return || f2 == Flow.Return) _returnValue = new PyUnknown(why);
        return f1 != Flow.Normal ? f1 : f2;
    }

    /// <summary><see cref="ExecBoth"/> for something that may or may not be there in production: the first
    /// branch runs with <paramref name="file"/>, when it is a local file the repository does not hold,
    /// assumed present (what it may set is then a <see cref="PyOverridable"/>), the second without it.</summary>
    private Flow ExecWithAndWithout(LocalFile? file, Func<Flow> present, Func<Flow> absent, string why, Node at) =>
        ExecBoth(
            () =>
            {
                if (file is not null) _localFiles.Add(file);
                try { return present(); }
                finally { if (file is not null) _localFiles.RemoveAt(_localFiles.Count - 1); }
            },
            absent, why, at, withoutLocalFile: file);

    private (Dictionary<string, Binding> Globals, Dictionary<string, Binding>? Locals) Snapshot() =>
        (new Dictionary<string, Binding>(_globals.Names, StringComparer.Ordinal),
         _locals is null ? null : new Dictionary<string, Binding>(_locals, StringComparer.Ordinal));

    private void Restore((Dictionary<string, Binding> Globals, Dictionary<string, Binding>? Locals) s)
    {
        _globals.Names = new Dictionary<string, Binding>(s.Globals, StringComparer.Ordinal);
        if (_locals is not null && s.Locals is not null)
        {
            _locals.Clear();
            foreach (var (k, v) in s.Locals) _locals[k] = v;
        }
    }

    private (Dictionary<string, Binding>, Dictionary<string, Binding>?) Join(
        (Dictionary<string, Binding> Globals, Dictionary<string, Binding>? Locals) a,
        (Dictionary<string, Binding> Globals, Dictionary<string, Binding>? Locals) b, string why, LocalFile? bLacks = null) =>
        (JoinNames(a.Globals, b.Globals, why, bLacks), a.Locals is null || b.Locals is null ? null : JoinNames(a.Locals, b.Locals, why, bLacks));

    /// <summary>One value two branches leave, joined as <see cref="JoinNames"/> joins a name's.</summary>
    private static PyValue JoinValue(PyValue x, PyValue y, string why, LocalFile? bLacks)
    {
        if (Py.Equal(x, y) == true) return x;
        if (bLacks is not null && UnknownItems.Join(x, y, why) is null && RepositoryValue(y) is { } repository)
            return new PyOverridable(why + OneSideUnknown(x, y), repository, bLacks);
        return UnknownItems.Join(x, y, why) ?? new PyUnknown(why + OneSideUnknown(x, y));
    }

    /// <param name="bLacks">Set when <paramref name="b"/> is the project without this local file.</param>
    private Dictionary<string, Binding> JoinNames(Dictionary<string, Binding> a, Dictionary<string, Binding> b, string why, LocalFile? bLacks)
    {
        var result = new Dictionary<string, Binding>(StringComparer.Ordinal);
        var control = _control.Union(_reads);
        foreach (var (name, x) in a)
        {
            if (b.TryGetValue(name, out var y))
            {
                if (ReferenceEquals(x, y)) result[name] = x;
                else if (Py.Equal(x.Value, y.Value) == true)
                    result[name] = new Binding(x.Value, x.Location ?? y.Location, x.Deps.Union(y.Deps).Union(control));
                // Two lists keep the items both hold (a local file that only adds items leaves them certain).
                else if (bLacks is not null && UnknownItems.Join(x.Value, y.Value, why) is null && RepositoryValue(y.Value) is { } repository)
                    result[name] = new Binding(new PyOverridable(why + OneSideUnknown(x.Value, y.Value), repository, bLacks),
                        y.Location ?? x.Location, x.Deps.Union(y.Deps).Union(control));
                else
                    result[name] = new Binding(UnknownItems.Join(x.Value, y.Value, why) ?? new PyUnknown(why + OneSideUnknown(x.Value, y.Value)),
                        x.Location ?? y.Location, x.Deps.Union(y.Deps).Union(control));
            }
            else result[name] = new Binding(new PyUnknown(why + "; may be undefined"), x.Location, x.Deps.Union(control));
        }
        foreach (var (name, y) in b)
            if (!a.ContainsKey(name))
                result[name] = new Binding(new PyUnknown(why + "; may be undefined"), y.Location, y.Deps.Union(control));
        return result;
    }

    /// <summary>
    /// <c>with a, b: body</c>, one item at a time. <c>contextlib.suppress(E...)</c> is a try whose
    /// handlers catch E and do nothing; other context managers run the body with an unknown target.
    /// </summary>
    private Flow ExecWith(With w, int index)
    {
        if (index == w.Items.Length) return ExecBlock(w.Body);
        var item = w.Items[index];
        if (item.ContextExpr is Call call && Eval(call.Func) is PyBuiltin { Name: "contextlib.suppress" })
        {
            var caught = call.Args.Length == 1 ? call.Args[0] : new Ast.Tuple([.. call.Args], ExprContext.Load, call.Span);
            return ExecTry(() => ExecWith(w, index + 1), [new ExceptHandler(caught, null, [], call.Span)], [], [], item);
        }
        var manager = Eval(item.ContextExpr);
        // A file's __enter__ returns the file itself; other managers' values are not modelled.
        if (item.OptionalVars is not null) AssignTo(item.OptionalVars, manager is PyFile ? manager : new PyUnknown("value of a with-statement"), item);
        return ExecWith(w, index + 1);
    }

    /// <summary>What the project itself sets, on the side of a join without the local file: null when unknown there too.</summary>
    private static PyValue? RepositoryValue(PyValue v) => v switch
    {
        PyOverridable o => o.Repository,
        PyUnknown => null,
        _ => v,
    };

    /// <summary>The local files the repository does not hold that the branches being run assume present, innermost last
    /// (shared with the interpreters of files split-settings includes there).</summary>
    private List<LocalFile> _localFiles = [];

    /// <summary>The innermost local file assumed present, or null outside such a branch.</summary>
    private LocalFile? LocalFileBranch => _localFiles.Count > 0 ? _localFiles[^1] : null;

    /// <summary>When only one side of a join is unknown, its reason says what that side did.</summary>
    private static string OneSideUnknown(PyValue a, PyValue b) =>
        a is PyUnknown ua && b is not PyUnknown ? "; " + ua.Reason
        : b is PyUnknown ub && a is not PyUnknown ? "; " + ub.Reason
        : "";

    private Flow ExecTry(ImmutableArray<Statement> body, ImmutableArray<ExceptHandler> handlers, ImmutableArray<Statement> orElse, ImmutableArray<Statement> final) =>
        ExecTry(() => ExecBlock(body), handlers, orElse, final, body.IsDefaultOrEmpty ? handlers[0] : body[0]);

    private Flow ExecTry(Func<Flow> body, ImmutableArray<ExceptHandler> handlers, ImmutableArray<Statement> orElse, ImmutableArray<Statement> final, Node at)
    {
        // Whether the try guards an import is read from the handlers' names: their expressions are
        // only evaluated when something is raised (`except json.JSONDecodeError` after `import json`).
        var imports = handlers.Any(h => CatchesByName(h, "ModuleNotFoundError")) ? 1 : 0;
        var files = handlers.Any(h => CatchesByName(h, "FileNotFoundError")) ? 1 : 0;
        if (imports + files == 0) return ExecTryOnce(body, handlers, orElse, final);
        var start = Snapshot();
        _importGuards += imports;
        _fileGuards += files;
        try
        {
            return ExecTryOnce(body, handlers, orElse, final);
        }
        catch (UncertainImport u)
        {
            // Something the try guards against may or may not happen in production (a package not
            // declared, a git-ignored file): follow both outcomes, with this try no longer guarding.
            _importGuards -= imports;
            _fileGuards -= files;
            Restore(start);
            try
            {
                return ExecWithAndWithout(u.File,
                    () => { _run.AssumedInstalled[u.Module] = true; return ExecTryOnce(body, handlers, orElse, final); },
                    () => { _run.AssumedInstalled[u.Module] = false; return ExecTryOnce(body, handlers, orElse, final); },
                    u.Why, at);
            }
            finally
            {
                _run.AssumedInstalled.Remove(u.Module);
                _importGuards += imports;
                _fileGuards += files;
            }
        }
        finally
        {
            _importGuards -= imports;
            _fileGuards -= files;
        }
    }

    private Flow ExecTryOnce(Func<Flow> body, ImmutableArray<ExceptHandler> handlers, ImmutableArray<Statement> orElse, ImmutableArray<Statement> final)
    {
        Flow flow;
        try
        {
            try
            {
                flow = body();
                if (flow == Flow.Normal) flow = ExecBlock(orElse);
            }
            catch (PyRaise e)
            {
                var handler = handlers.FirstOrDefault(h => Catches(h, e));
                if (handler is null) throw;
                if (handler.Name is not null) Bind(handler.Name, new PyExceptionClass(e.Type, e.Message), handler);
                flow = ExecBlock(handler.Body);
            }
        }
        finally
        {
            if (!final.IsDefaultOrEmpty) ExecBlock(final);
        }
        return flow;
    }

    /// <summary>Whether a handler catches <paramref name="exception"/>, from the names it lists (bare except catches all).</summary>
    private static bool CatchesByName(ExceptHandler h, string exception)
    {
        if (h.Type is null) return true;
        var types = h.Type is Ast.Tuple t ? t.Elts : [h.Type];
        var probe = new PyRaise(exception, "");
        return types.Any(te => te switch
        {
            Name n => probe.IsA(n.Id),
            Ast.Attribute a => probe.IsA(a.Attr),
            _ => false,
        });
    }

    private bool Catches(ExceptHandler h, PyRaise e)
    {
        if (h.Type is null) return true;
        var types = h.Type is Ast.Tuple t ? t.Elts : [h.Type];
        foreach (var te in types)
        {
            var name = Eval(te) switch
            {
                PyExceptionClass c => c.Name,
                PyModuleRef m => m.Name[(m.Name.LastIndexOf('.') + 1)..],
                _ => te is Name n ? n.Id : te is Ast.Attribute a ? a.Attr : null,
            };
            if (name is not null && e.IsA(name)) return true;
        }
        return false;
    }

    private Flow ExecFor(For f)
    {
        var iter = Eval(f.Iter);
        var items = Iterate(iter);
        var saved = _control;
        _control = _control.Union(_reads);
        try
        {
            if (items is null)
            {
                var why = $"loop over `{Snippet(f.Iter)}` at {Where(f)} is not evaluated" + (iter is PyUnknown u ? $" ({u.Reason})" : "");
                HavocLoop(f.Target, f.Body, f.OrElse, f, why);
                if (MayWriteAnyGlobal(f.Body)) HavocAll($"may be set by the {why}", f);
                return Flow.Normal;
            }
            foreach (var item in items)
            {
                Step();
                AssignTo(f.Target, item, f);
                var flow = ExecBlock(f.Body);
                if (flow == Flow.Break) return Flow.Normal;
                if (flow == Flow.Return) return flow;
            }
            return ExecBlock(f.OrElse);
        }
        finally
        {
            _control = saved;
        }
    }

    private Flow ExecWhile(While w)
    {
        const int maxIterations = 10_000;
        for (var n = 0; n < maxIterations; n++)
        {
            var test = Eval(w.Test);
            if (test.Truthy == false) return ExecBlock(w.OrElse);
            if (test.Truthy is null || n == maxIterations - 1)
            {
                var why = $"while loop at {Where(w)} is not evaluated";
                HavocLoop(null, w.Body, w.OrElse, w, why);
                if (MayWriteAnyGlobal(w.Body)) HavocAll($"may be set by the {why}", w);
                return Flow.Normal;
            }
            var flow = ExecBlock(w.Body);
            if (flow == Flow.Break) return Flow.Normal;
            if (flow == Flow.Return) return flow;
        }
        return Flow.Normal;
    }

    // ---- names ----

    private Dictionary<string, Binding> Current => _locals ?? _globals.Names;

    private void Bind(string name, PyValue value, Node? at)
    {
        var deps = _reads.Count == 0 ? ImmutableSortedSet.Create<string>(StringComparer.Ordinal) : _reads.ToImmutableSortedSet(StringComparer.Ordinal);
        var target = _locals is not null && (_declaredGlobal is null || !_declaredGlobal.Contains(name)) ? _locals : _globals.Names;
        target.Remove(name); // re-insert so iteration order is "last assigned" order
        target[name] = new Binding(value, at is null ? null : Loc(at), deps);
    }

    /// <summary>Adds <paramref name="deps"/> to the bindings of <paramref name="names"/> that exist, where
    /// <see cref="Bind"/> would write them; their values and locations stay.</summary>
    private void DependOn(IEnumerable<string> names, ImmutableSortedSet<string> deps)
    {
        if (deps.Count == 0) return;
        foreach (var name in names)
        {
            var target = _locals is not null && (_declaredGlobal is null || !_declaredGlobal.Contains(name)) ? _locals : _globals.Names;
            if (target.TryGetValue(name, out var b) && !deps.IsSubsetOf(b.Deps))
                target[name] = b with { Deps = b.Deps.Union(deps) };
        }
    }

    private void HavocName(string name, Node at, string why) => Bind(name, new PyUnknown(why), at);

    private void Havoc(Expression target, Node at, string why)
    {
        if (RootName(target) is { } root) HavocName(root, at, why);
    }

    private Binding? Lookup(string name)
    {
        if (_locals is not null && _locals.TryGetValue(name, out var l)) return l;
        if (_globals.Names.TryGetValue(name, out var g)) return g;
        return null;
    }

    private static string? RootName(Expression e) => e switch
    {
        Name n => n.Id,
        Ast.Attribute a => RootName(a.Value),
        Subscript s => RootName(s.Value),
        _ => null,
    };

    private static string TargetText(Expression e) => RootName(e) ?? "?";

    /// <summary>Names a block of statements may assign (for havoc when it cannot be followed).</summary>
    internal static IEnumerable<string> AssignedNames(IEnumerable<Statement> body)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        void Target(Expression t) => names.UnionWith(TargetNames(t));
        void Walk(IEnumerable<Statement> stmts)
        {
            foreach (var s in stmts)
            {
                switch (s)
                {
                    case Assign a: foreach (var t in a.Targets) Target(t); break;
                    case AugAssign a: Target(a.Target); break;
                    case AnnAssign a when a.Value is not null: Target(a.Target); break;
                    case For f: Target(f.Target); Walk(f.Body); Walk(f.OrElse); break;
                    case AsyncFor f: Target(f.Target); Walk(f.Body); Walk(f.OrElse); break;
                    case While w: Walk(w.Body); Walk(w.OrElse); break;
                    case If i: Walk(i.Body); Walk(i.OrElse); break;
                    case With w: Walk(w.Body); foreach (var it in w.Items) if (it.OptionalVars is not null) Target(it.OptionalVars); break;
                    case AsyncWith w: Walk(w.Body); break;
                    case Try t: Walk(t.Body); Walk(t.OrElse); Walk(t.FinalBody); foreach (var h in t.Handlers) Walk(h.Body); break;
                    case TryStar t: Walk(t.Body); Walk(t.OrElse); Walk(t.FinalBody); foreach (var h in t.Handlers) Walk(h.Body); break;
                    case Match m: foreach (var c in m.Cases) Walk(c.Body); break;
                    case FunctionDef f: names.Add(f.Name); break;
                    case AsyncFunctionDef f: names.Add(f.Name); break;
                    case ClassDef c: names.Add(c.Name); break;
                    case Import i: foreach (var al in i.Names) names.Add(al.AsName ?? al.Name.Split('.')[0]); break;
                    case ImportFrom i: foreach (var al in i.Names) if (al.Name != "*") names.Add(al.AsName ?? al.Name); break;
                    case Expr { Value: Call { Func: Ast.Attribute m } } when MutatingMethods.Contains(m.Attr):
                        if (RootName(m.Value) is { } root) names.Add(root);
                        break;
                }
            }
        }
        Walk(body);
        return names;
    }

    /// <summary>The names an assignment to <paramref name="target"/> binds or changes.</summary>
    internal static IEnumerable<string> TargetNames(Expression target) => target switch
    {
        Name n => [n.Id],
        Ast.Tuple tu => tu.Elts.SelectMany(TargetNames),
        Ast.List li => li.Elts.SelectMany(TargetNames),
        Starred s => TargetNames(s.Value),
        Subscript or Ast.Attribute when RootName(target) is { } root => [root],
        _ => [],
    };

    private string Snippet(Node node)
    {
        var text = _run.Parsed.Get(File)?.GetSourceText(node) ?? "";
        text = text.ReplaceLineEndings(" ");
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    private sealed class BudgetExceeded : Exception;
}
