using System.Collections.Immutable;
using DjangoPreflight.Python.Ast;
using Ast = DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// A loop the evaluator cannot run (over an unknown value, or with an unknown condition): what it
/// assigns becomes unknown, except a list the body only appends to or extends, which keeps its
/// items and may hold more (<c>for host in DOMAINS: ALLOWED_HOSTS.append(host)</c>).
/// </summary>
internal sealed partial class Interpreter
{
    private static readonly HashSet<string> GrowingMethods = new(StringComparer.Ordinal) { "append", "extend" };

    private void HavocLoop(Expression? target, ImmutableArray<Statement> body, ImmutableArray<Statement> orElse, Node at, string why)
    {
        HashSet<string> targets = target is null ? [] : TargetNames(target).ToHashSet(StringComparer.Ordinal);
        foreach (var name in AssignedNames([.. body, .. orElse]).Concat(targets).Distinct())
        {
            if (!targets.Contains(name) && Lookup(name)?.Value is PyList list && OnlyGrows(name, [.. body, .. orElse]))
                Bind(name, UnknownItems.Grown(list, why), at);
            else HavocName(name, at, why);
        }
    }

    /// <summary>Whether every statement of the block that changes <paramref name="name"/> appends to it or extends it.</summary>
    private static bool OnlyGrows(string name, IEnumerable<Statement> block) => block.All(s => s switch
    {
        Expr { Value: Call { Func: Ast.Attribute { Value: Name n, Attr: var method } } } when n.Id == name => GrowingMethods.Contains(method),
        AugAssign { Target: Name n, Op: Operator.Add } when n.Id == name => true,
        If i => OnlyGrows(name, i.Body) && OnlyGrows(name, i.OrElse),
        For f => !TargetNames(f.Target).Contains(name) && OnlyGrows(name, f.Body) && OnlyGrows(name, f.OrElse),
        While w => OnlyGrows(name, w.Body) && OnlyGrows(name, w.OrElse),
        Try t => OnlyGrows(name, t.Body) && OnlyGrows(name, t.OrElse) && OnlyGrows(name, t.FinalBody) && t.Handlers.All(h => h.Name != name && OnlyGrows(name, h.Body)),
        _ => !AssignedNames([s]).Contains(name),
    });
}
