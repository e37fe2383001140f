using DjangoPreflight.Analysis.Settings;
using DjangoPreflight.Core;
using DjangoPreflight.Python.Ast;
using Attribute = DjangoPreflight.Python.Ast.Attribute;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// Finds the line of a particular element of a setting (a list entry, a dict key or value), so a
/// finding about <c>MD5PasswordHasher</c> points at that line rather than at <c>PASSWORD_HASHERS = [</c>.
/// Looks at the string literals of the statements that assign or mutate the setting: first in the
/// file of its last assignment, then in the other settings modules.
/// </summary>
public sealed class SettingLocator
{
    private readonly PythonSources _sources;
    private readonly Func<IEnumerable<string>> _settingsFiles;

    public SettingLocator(PythonSources sources, Func<IEnumerable<string>> settingsFiles)
    {
        _sources = sources;
        _settingsFiles = settingsFiles;
    }

    /// <summary>The first string literal satisfying <paramref name="match"/> in a statement that sets
    /// <paramref name="name"/>, or null when there is none. With <paramref name="underKey"/>, a literal
    /// in the value of that dict key comes first (the PASSWORD entry's "kiwi", not the NAME entry's).</summary>
    public SourceLocation? Find(SettingsModel settings, string name, Func<string, bool> match, string? underKey = null)
    {
        var files = new List<string>();
        if (settings[name]?.Source?.Path is { } source) files.Add(source);
        if (settings.Path is { } own) files.Add(own);
        files.AddRange(_settingsFiles());
        foreach (var path in files.Distinct())
        {
            if (_sources.Get(path) is not { } parsed) continue;
            foreach (var statement in Statements(parsed.Module.Body))
            {
                if (!Sets(statement, name)) continue;
                var keyed = underKey is null ? [] : AstWalker.DescendantsOfType<Dict>(statement)
                    .SelectMany(d => d.Keys.Zip(d.Values).Where(kv => kv.First is Constant { StringValue: var k } && k == underKey).Select(kv => (Node)kv.Second));
                foreach (var constant in keyed.SelectMany(AstWalker.DescendantsOfType<Constant>).Concat(AstWalker.DescendantsOfType<Constant>(statement)))
                    if (constant.StringValue is { } s && match(s))
                        return new SourceLocation(path, constant.Lineno, constant.ColOffset + 1);
            }
        }
        return null;
    }

    /// <summary>Module-level statements, including those under if/else, try and with blocks.</summary>
    private static IEnumerable<Statement> Statements(IEnumerable<Statement> body)
    {
        foreach (var s in body)
        {
            var nested = s switch
            {
                If i => i.Body.Concat(i.OrElse),
                Try t => t.Body.Concat(t.Handlers.SelectMany(h => h.Body)).Concat(t.OrElse).Concat(t.FinalBody),
                With w => w.Body,
                _ => null,
            };
            if (nested is null) yield return s;
            else foreach (var n in Statements(nested)) yield return n;
        }
    }

    private static bool Sets(Statement statement, string name) => statement switch
    {
        Assign a => a.Targets.Any(t => Root(t) == name || t is Python.Ast.Tuple tuple && tuple.Elts.Any(e => Root(e) == name)),
        AugAssign a => Root(a.Target) == name,
        AnnAssign a => Root(a.Target) == name,
        Expr { Value: Call { Func: Attribute attribute } } => Root(attribute.Value) == name,
        _ => false,
    };

    /// <summary>The variable at the root of <c>X</c>, <c>X[...]</c> or <c>X.attr</c>.</summary>
    private static string? Root(Expression e) => e switch
    {
        Name n => n.Id,
        Subscript s => Root(s.Value),
        Attribute a => Root(a.Value),
        _ => null,
    };
}
