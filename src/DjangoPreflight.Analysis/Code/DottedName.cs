using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>Names written as Python expressions: <c>a.b.c</c> for Name/Attribute chains.</summary>
public static class DottedName
{
    /// <summary>The dotted text of a Name/Attribute chain, or null for anything else.</summary>
    public static string? Of(Expression? expression)
    {
        var parts = new Stack<string>();
        for (var e = expression; ;)
        {
            switch (e)
            {
                case Name n:
                    parts.Push(n.Id);
                    return string.Join('.', parts);
                case Attribute a:
                    parts.Push(a.Attr);
                    e = a.Value;
                    break;
                default:
                    return null;
            }
        }
    }

    /// <summary>The last segment of a dotted name (<c>generics.CreateAPIView</c> → <c>CreateAPIView</c>).</summary>
    public static string? LastOf(Expression? expression) => Of(expression) is { } d ? d[(d.LastIndexOf('.') + 1)..] : null;

    /// <summary>The function a call calls, as a dotted name (null for computed callees).</summary>
    public static string? Callee(Call call) => Of(call.Func);

    /// <summary>The value of keyword <paramref name="name"/> in a call, or null.</summary>
    public static Expression? Keyword(Call call, string name) =>
        call.Keywords.FirstOrDefault(k => k.Name == name)?.Value;

    /// <summary>The elements of a list/tuple/set display, or null.</summary>
    public static IReadOnlyList<Expression>? Elements(Expression? e) => e switch
    {
        List l => l.Elts,
        Python.Ast.Tuple t => t.Elts,
        Set s => s.Elts,
        _ => null,
    };

    /// <summary>The string of a str literal (implicit concatenation is one Constant), or null.</summary>
    public static string? String(Expression? e) => (e as Constant)?.StringValue;
}
