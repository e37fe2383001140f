using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace DjangoPreflight.Python.Ast;

/// <summary>
/// A compact, normalised text dump of a tree, one node per line, in CPython's field order and
/// units: <c>&lt;indent&gt;&lt;field&gt;[i] Kind name=value ... @line:col-endline:endcol</c>.
/// The conformance test produces the same format from CPython's <c>ast</c> module
/// (tests/.../Conformance/ast_dump.py), so the two can be compared line by line.
/// </summary>
public static class AstDump
{
    public static string Dump(Node root)
    {
        var sb = new StringBuilder();
        Write(sb, root, "module", 0);
        return sb.ToString();
    }

    private readonly struct Child(string label, Node? node)
    {
        public readonly string Label = label;
        public readonly Node? Node = node;
    }

    private sealed class Line(StringBuilder sb, int depth)
    {
        public readonly List<Child> Children = [];

        public Line S(string name, string? value)
        {
            if (value is not null) sb.Append(' ').Append(name).Append('=').Append(value);
            return this;
        }

        public Line C(string name, Node? node)
        {
            if (node is not null) Children.Add(new Child(name, node));
            return this;
        }

        public Line L<T>(string name, ImmutableArray<T> nodes) where T : Node?
        {
            if (nodes.IsDefaultOrEmpty) return this;
            for (int i = 0; i < nodes.Length; i++) Children.Add(new Child(name + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", nodes[i]));
            return this;
        }

        public Line Names(string name, ImmutableArray<string> names)
        {
            if (!names.IsDefaultOrEmpty) sb.Append(' ').Append(name).Append("=[").AppendJoin(',', names).Append(']');
            return this;
        }

        public void End(Node node, bool located)
        {
            if (located)
            {
                var s = node.Span;
                sb.Append(" @").Append(s.Lineno).Append(':').Append(s.ColOffset).Append('-').Append(s.EndLineno).Append(':').Append(s.EndColOffset);
            }
            sb.Append('\n');
            foreach (var child in Children)
            {
                if (child.Node is null) sb.Append(' ', depth + 1).Append(child.Label).Append(" None\n");
                else Write(sb, child.Node, child.Label, depth + 1);
            }
        }
    }

    private static void Write(StringBuilder sb, Node node, string label, int depth)
    {
        sb.Append(' ', depth).Append(label).Append(' ').Append(KindName(node));
        var l = new Line(sb, depth);
        bool located = true;
        switch (node)
        {
            case Module n: l.L("body", n.Body); located = false; break;
            case FunctionDef n: l.S("name", n.Name).C("args", n.Args).L("body", n.Body).L("decorator_list", n.DecoratorList).C("returns", n.Returns).L("type_params", n.TypeParams); break;
            case AsyncFunctionDef n: l.S("name", n.Name).C("args", n.Args).L("body", n.Body).L("decorator_list", n.DecoratorList).C("returns", n.Returns).L("type_params", n.TypeParams); break;
            case ClassDef n: l.S("name", n.Name).L("bases", n.Bases).L("keywords", n.Keywords).L("body", n.Body).L("decorator_list", n.DecoratorList).L("type_params", n.TypeParams); break;
            case Return n: l.C("value", n.Value); break;
            case Delete n: l.L("targets", n.Targets); break;
            case Assign n: l.L("targets", n.Targets).C("value", n.Value); break;
            case TypeAlias n: l.C("name", n.Name).L("type_params", n.TypeParams).C("value", n.Value); break;
            case AugAssign n: l.C("target", n.Target).S("op", n.Op.ToString()).C("value", n.Value); break;
            case AnnAssign n: l.C("target", n.Target).C("annotation", n.Annotation).C("value", n.Value).S("simple", Int(n.Simple)); break;
            case For n: l.C("target", n.Target).C("iter", n.Iter).L("body", n.Body).L("orelse", n.OrElse); break;
            case AsyncFor n: l.C("target", n.Target).C("iter", n.Iter).L("body", n.Body).L("orelse", n.OrElse); break;
            case While n: l.C("test", n.Test).L("body", n.Body).L("orelse", n.OrElse); break;
            case If n: l.C("test", n.Test).L("body", n.Body).L("orelse", n.OrElse); break;
            case With n: l.L("items", n.Items).L("body", n.Body); break;
            case AsyncWith n: l.L("items", n.Items).L("body", n.Body); break;
            case Match n: l.C("subject", n.Subject).L("cases", n.Cases); break;
            case Raise n: l.C("exc", n.Exc).C("cause", n.Cause); break;
            case Try n: l.L("body", n.Body).L("handlers", n.Handlers).L("orelse", n.OrElse).L("finalbody", n.FinalBody); break;
            case TryStar n: l.L("body", n.Body).L("handlers", n.Handlers).L("orelse", n.OrElse).L("finalbody", n.FinalBody); break;
            case Assert n: l.C("test", n.Test).C("msg", n.Msg); break;
            case Import n: l.L("names", n.Names); break;
            case ImportFrom n: l.S("module", n.ModuleName).L("names", n.Names).S("level", Int(n.Level)); break;
            case Global n: l.Names("names", n.Names); break;
            case Nonlocal n: l.Names("names", n.Names); break;
            case Expr n: l.C("value", n.Value); break;
            case Pass or Break or Continue: break;
            case BoolOp n: l.S("op", n.Op.ToString()).L("values", n.Values); break;
            case NamedExpr n: l.C("target", n.Target).C("value", n.Value); break;
            case BinOp n: l.C("left", n.Left).S("op", n.Op.ToString()).C("right", n.Right); break;
            case UnaryOp n: l.S("op", n.Op.ToString()).C("operand", n.Operand); break;
            case Lambda n: l.C("args", n.Args).C("body", n.Body); break;
            case IfExp n: l.C("test", n.Test).C("body", n.Body).C("orelse", n.OrElse); break;
            case Dict n: l.L("keys", n.Keys).L("values", n.Values); break;
            case Set n: l.L("elts", n.Elts); break;
            case ListComp n: l.C("elt", n.Elt).L("generators", n.Generators); break;
            case SetComp n: l.C("elt", n.Elt).L("generators", n.Generators); break;
            case DictComp n: l.C("key", n.Key).C("value", n.Value).L("generators", n.Generators); break;
            case GeneratorExp n: l.C("elt", n.Elt).L("generators", n.Generators); break;
            case Await n: l.C("value", n.Value); break;
            case Yield n: l.C("value", n.Value); break;
            case YieldFrom n: l.C("value", n.Value); break;
            case Compare n:
                l.C("left", n.Left);
                sb.Append(" ops=[").AppendJoin(',', n.Ops).Append(']');
                l.L("comparators", n.Comparators);
                break;
            case Call n: l.C("func", n.Func).L("args", n.Args).L("keywords", n.Keywords); break;
            case FormattedValue n: l.C("value", n.Value).S("conversion", Int(n.Conversion)).C("format_spec", n.FormatSpec); break;
            case JoinedStr n: l.L("values", n.Values); break;
            case TemplateStr n: l.L("values", n.Values); break;
            case Interpolation n: l.C("value", n.Value).S("str", n.Str).S("conversion", Int(n.Conversion)).C("format_spec", n.FormatSpec); break;
            case Constant n: l.S("value", Value(n.Value)).S("kind", n.Kind); break;
            case Attribute n: l.C("value", n.Value).S("attr", n.Attr).S("ctx", n.Ctx.ToString()); break;
            case Subscript n: l.C("value", n.Value).C("slice", n.Slice).S("ctx", n.Ctx.ToString()); break;
            case Starred n: l.C("value", n.Value).S("ctx", n.Ctx.ToString()); break;
            case Name n: l.S("id", n.Id).S("ctx", n.Ctx.ToString()); break;
            case List n: l.L("elts", n.Elts).S("ctx", n.Ctx.ToString()); break;
            case Tuple n: l.L("elts", n.Elts).S("ctx", n.Ctx.ToString()); break;
            case Slice n: l.C("lower", n.Lower).C("upper", n.Upper).C("step", n.Step); break;
            case Comprehension n: l.C("target", n.Target).C("iter", n.Iter).L("ifs", n.Ifs).S("is_async", n.IsAsync ? "1" : "0"); located = false; break;
            case ExceptHandler n: l.C("type", n.Type).S("name", n.Name).L("body", n.Body); break;
            case Arguments n:
                l.L("posonlyargs", n.PosOnlyArgs).L("args", n.Args).C("vararg", n.VarArg).L("kwonlyargs", n.KwOnlyArgs)
                    .L("kw_defaults", n.KwDefaults).C("kwarg", n.KwArg).L("defaults", n.Defaults);
                located = false;
                break;
            case Arg n: l.S("arg", n.Name).C("annotation", n.Annotation); break;
            case Keyword n: l.S("arg", n.Name).C("value", n.Value); break;
            case Alias n: l.S("name", n.Name).S("asname", n.AsName); break;
            case WithItem n: l.C("context_expr", n.ContextExpr).C("optional_vars", n.OptionalVars); located = false; break;
            case MatchCase n: l.C("pattern", n.Pattern).C("guard", n.Guard).L("body", n.Body); located = false; break;
            case MatchValue n: l.C("value", n.Value); break;
            case MatchSingleton n: l.S("value", Value(n.Value)); break;
            case MatchSequence n: l.L("patterns", n.Patterns); break;
            case MatchMapping n: l.L("keys", n.Keys).L("patterns", n.Patterns).S("rest", n.Rest); break;
            case MatchClass n: l.C("cls", n.Cls).L("patterns", n.Patterns).Names("kwd_attrs", n.KwdAttrs).L("kwd_patterns", n.KwdPatterns); break;
            case MatchStar n: l.S("name", n.Name); break;
            case MatchAs n: l.C("pattern", n.Pattern).S("name", n.Name); break;
            case MatchOr n: l.L("patterns", n.Patterns); break;
            case TypeVar n: l.S("name", n.Name).C("bound", n.Bound).C("default_value", n.DefaultValue); break;
            case ParamSpec n: l.S("name", n.Name).C("default_value", n.DefaultValue); break;
            case TypeVarTuple n: l.S("name", n.Name).C("default_value", n.DefaultValue); break;
        }
        l.End(node, located);
    }

    private static string KindName(Node node) => node switch
    {
        Arguments => "arguments",
        Arg => "arg",
        Keyword => "keyword",
        Alias => "alias",
        WithItem => "withitem",
        MatchCase => "match_case",
        Comprehension => "comprehension",
        _ => node.GetType().Name,
    };

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A constant in the dump's notation (see ast_dump.py's scalar()).</summary>
    public static string Value(object? value) => value switch
    {
        null => "None",
        true => "True",
        false => "False",
        Ellipsis => "...",
        long l => l.ToString(CultureInfo.InvariantCulture),
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        double d => "f:" + ((ulong)BitConverter.DoubleToInt64Bits(d)).ToString("x16", CultureInfo.InvariantCulture),
        Complex c => "j:" + ((ulong)BitConverter.DoubleToInt64Bits(c.Imaginary)).ToString("x16", CultureInfo.InvariantCulture),
        ImmutableArray<byte> bytes => "b:" + Convert.ToHexStringLower(bytes.AsSpan()),
        string s => "s:" + UnicodeEscape(s),
        _ => value.ToString() ?? "",
    };

    /// <summary>Python's 'unicode_escape' codec.</summary>
    private static string UnicodeEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            int cp = c;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            if (cp == '\\') sb.Append("\\\\");
            else if (cp == '\t') sb.Append("\\t");
            else if (cp == '\n') sb.Append("\\n");
            else if (cp == '\r') sb.Append("\\r");
            else if (cp >= 0x20 && cp < 0x7F) sb.Append((char)cp);
            else if (cp < 0x100) sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
            else if (cp < 0x10000) sb.Append("\\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
