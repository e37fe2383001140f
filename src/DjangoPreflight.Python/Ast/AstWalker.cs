using System.Collections.Immutable;

namespace DjangoPreflight.Python.Ast;

/// <summary>Enumerates the nodes of a tree. Iterative, so deep trees cannot overflow the stack.</summary>
public static class AstWalker
{
    /// <summary>All nodes below <paramref name="root"/> (root included), in source (pre-)order.</summary>
    public static IEnumerable<Node> DescendantsAndSelf(Node root) => DescendantsOfType<Node>(root);

    /// <summary>All nodes of type <typeparamref name="T"/> below root (root included), e.g. every Call.</summary>
    public static IEnumerable<T> DescendantsOfType<T>(Node root) where T : Node
    {
        // One iterator, not a filter over DescendantsAndSelf: every application file of a scan is
        // walked once, and a filter would add a second enumerator step per node.
        var stack = new Stack<Node>();
        var children = new List<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is T typed) yield return typed;
            children.Clear();
            AddChildren(node, children);
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    /// <summary>The direct children of a node, in field order.</summary>
    public static IReadOnlyList<Node> Children(Node node)
    {
        var list = new List<Node>();
        AddChildren(node, list);
        return list;
    }

    private static void Add(List<Node> list, Node? node)
    {
        if (node is not null) list.Add(node);
    }

    private static void AddAll<T>(List<Node> list, ImmutableArray<T> nodes) where T : Node?
    {
        if (nodes.IsDefault) return;
        foreach (var node in nodes) if (node is not null) list.Add(node);
    }

    private static void AddChildren(Node node, List<Node> c)
    {
        switch (node)
        {
            // Most frequent first (counted on the standard library): a type switch tests its cases in
            // order, and Name and Constant alone are half of all nodes.
            case Constant or Name: break;
            case Attribute n: Add(c, n.Value); break;
            case Call n: Add(c, n.Func); AddAll(c, n.Args); AddAll(c, n.Keywords); break;
            case Assign n: AddAll(c, n.Targets); Add(c, n.Value); break;
            case Arg n: Add(c, n.Annotation); break;
            case Expr n: Add(c, n.Value); break;
            case If n: Add(c, n.Test); AddAll(c, n.Body); AddAll(c, n.OrElse); break;
            case Compare n: Add(c, n.Left); AddAll(c, n.Comparators); break;
            case Arguments n:
                AddAll(c, n.PosOnlyArgs); AddAll(c, n.Args); Add(c, n.VarArg); AddAll(c, n.KwOnlyArgs);
                AddAll(c, n.KwDefaults); Add(c, n.KwArg); AddAll(c, n.Defaults); break;
            case FunctionDef n: AddAll(c, n.DecoratorList); AddAll(c, n.TypeParams); Add(c, n.Args); Add(c, n.Returns); AddAll(c, n.Body); break;
            case Return n: Add(c, n.Value); break;
            case BinOp n: Add(c, n.Left); Add(c, n.Right); break;
            case Tuple n: AddAll(c, n.Elts); break;
            case Subscript n: Add(c, n.Value); Add(c, n.Slice); break;
            case Keyword n: Add(c, n.Value); break;
            case UnaryOp n: Add(c, n.Operand); break;
            case Alias: break;
            case Raise n: Add(c, n.Exc); Add(c, n.Cause); break;
            case BoolOp n: AddAll(c, n.Values); break;
            case List n: AddAll(c, n.Elts); break;
            case Try n: AddAll(c, n.Body); AddAll(c, n.Handlers); AddAll(c, n.OrElse); AddAll(c, n.FinalBody); break;
            case ExceptHandler n: Add(c, n.Type); AddAll(c, n.Body); break;
            case For n: Add(c, n.Target); Add(c, n.Iter); AddAll(c, n.Body); AddAll(c, n.OrElse); break;
            case ClassDef n: AddAll(c, n.DecoratorList); AddAll(c, n.TypeParams); AddAll(c, n.Bases); AddAll(c, n.Keywords); AddAll(c, n.Body); break;
            case Import n: AddAll(c, n.Names); break;
            case Slice n: Add(c, n.Lower); Add(c, n.Upper); Add(c, n.Step); break;
            case ImportFrom n: AddAll(c, n.Names); break;
            case AugAssign n: Add(c, n.Target); Add(c, n.Value); break;
            case FormattedValue n: Add(c, n.Value); Add(c, n.FormatSpec); break;
            case Dict n:
                for (int i = 0; i < n.Values.Length; i++) { Add(c, n.Keys[i]); Add(c, n.Values[i]); }
                break;
            case Global or Nonlocal or Pass or Break or Continue: break;
            case JoinedStr n: AddAll(c, n.Values); break;
            case TemplateStr n: AddAll(c, n.Values); break;
            case Interpolation n: Add(c, n.Value); Add(c, n.FormatSpec); break;
            case Comprehension n: Add(c, n.Target); Add(c, n.Iter); AddAll(c, n.Ifs); break;
            case While n: Add(c, n.Test); AddAll(c, n.Body); AddAll(c, n.OrElse); break;
            case Module n: AddAll(c, n.Body); break;
            case Starred n: Add(c, n.Value); break;
            case WithItem n: Add(c, n.ContextExpr); Add(c, n.OptionalVars); break;
            case With n: AddAll(c, n.Items); AddAll(c, n.Body); break;
            case MatchCase n: Add(c, n.Pattern); Add(c, n.Guard); AddAll(c, n.Body); break;
            case AsyncFunctionDef n: AddAll(c, n.DecoratorList); AddAll(c, n.TypeParams); Add(c, n.Args); Add(c, n.Returns); AddAll(c, n.Body); break;
            case Delete n: AddAll(c, n.Targets); break;
            case TypeAlias n: Add(c, n.Name); AddAll(c, n.TypeParams); Add(c, n.Value); break;
            case AnnAssign n: Add(c, n.Target); Add(c, n.Annotation); Add(c, n.Value); break;
            case AsyncFor n: Add(c, n.Target); Add(c, n.Iter); AddAll(c, n.Body); AddAll(c, n.OrElse); break;
            case AsyncWith n: AddAll(c, n.Items); AddAll(c, n.Body); break;
            case Match n: Add(c, n.Subject); AddAll(c, n.Cases); break;
            case TryStar n: AddAll(c, n.Body); AddAll(c, n.Handlers); AddAll(c, n.OrElse); AddAll(c, n.FinalBody); break;
            case Assert n: Add(c, n.Test); Add(c, n.Msg); break;
            case NamedExpr n: Add(c, n.Target); Add(c, n.Value); break;
            case Lambda n: Add(c, n.Args); Add(c, n.Body); break;
            case IfExp n: Add(c, n.Test); Add(c, n.Body); Add(c, n.OrElse); break;
            case Set n: AddAll(c, n.Elts); break;
            case ListComp n: Add(c, n.Elt); AddAll(c, n.Generators); break;
            case SetComp n: Add(c, n.Elt); AddAll(c, n.Generators); break;
            case DictComp n: Add(c, n.Key); Add(c, n.Value); AddAll(c, n.Generators); break;
            case GeneratorExp n: Add(c, n.Elt); AddAll(c, n.Generators); break;
            case Await n: Add(c, n.Value); break;
            case Yield n: Add(c, n.Value); break;
            case YieldFrom n: Add(c, n.Value); break;
            case MatchValue n: Add(c, n.Value); break;
            case MatchSequence n: AddAll(c, n.Patterns); break;
            case MatchMapping n: AddAll(c, n.Keys); AddAll(c, n.Patterns); break;
            case MatchClass n: Add(c, n.Cls); AddAll(c, n.Patterns); AddAll(c, n.KwdPatterns); break;
            case MatchAs n: Add(c, n.Pattern); break;
            case MatchOr n: AddAll(c, n.Patterns); break;
            case MatchSingleton or MatchStar: break;
            case TypeVar n: Add(c, n.Bound); Add(c, n.DefaultValue); break;
            case ParamSpec n: Add(c, n.DefaultValue); break;
            case TypeVarTuple n: Add(c, n.DefaultValue); break;
        }
    }
}
