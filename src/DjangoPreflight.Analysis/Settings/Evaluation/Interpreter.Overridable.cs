using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

/// <summary>
/// Values a local file the repository does not hold may change (<see cref="PyOverridable"/>), carried
/// through what settings compute from them: a comparison, <c>not</c>, <c>and</c>/<c>or</c> or a
/// conditional expression over such a value stays overridable, with what the repository's own value
/// gives as its fallback; an <c>if</c> on one runs both ways, with the file (unknown) and without it
/// (the fallback's branch), so that a config object falling back from a git-ignored file to the
/// environment to a literal default ends with that default as what runs wherever the file leaves it alone.
/// </summary>
internal sealed partial class Interpreter
{
    /// <summary>The local file the overridable operands share, when every operand is known or overridable
    /// by that one file with a known fallback; else null.</summary>
    private static LocalFile? SharedLocalFile(params PyValue[] operands)
    {
        LocalFile? file = null;
        foreach (var v in operands)
        {
            if (v is PyOverridable o)
            {
                if (o.Repository is PyUnknown || file is not null && file.Path != o.File.Path) return null;
                file ??= o.File;
            }
            else if (v is PyUnknown) return null;
        }
        return file;
    }

    /// <summary>An overridable result: <paramref name="repository"/> without the file, unknown with it
    /// (and unknown outright when the repository's side is unknown, or another local file may change it).</summary>
    private static PyValue Overridden(LocalFile file, string reason, PyValue repository) => repository switch
    {
        PyOverridable o when o.File.Path == file.Path => o,
        PyUnknown => new PyUnknown(reason),
        _ => new PyOverridable(reason, repository, file),
    };

    /// <summary>A comparison whose only unknown operands a local file may override: the fallbacks' comparison.</summary>
    private PyValue? OverridableCompare(PyValue left, CmpOperator op, PyValue right, string reason)
    {
        if (SharedLocalFile(left, right) is not { } file) return null;
        try
        {
            return CompareOp(PyOverridable.Fallback(left), op, PyOverridable.Fallback(right)) is { } r ? Overridden(file, reason, Py.Bool(r)) : null;
        }
        catch (PyRaise)
        {
            return null;
        }
    }

    /// <summary><c>if</c> on a value a local file may override: with the file the condition is unknown
    /// (both branches, joined); without it the fallback decides. Names the two leave different become overridable.</summary>
    private Flow ExecOverridableIf(If i, PyOverridable test, bool without)
    {
        var why = $"condition `{Snippet(i.Test)}` at {Where(i)} depends on {test.File.Path} ({test.Reason})";
        return ExecWithAndWithout(test.File,
            () => ExecBoth(() => ExecBlock(i.Body), () => ExecBlock(i.OrElse), why, i),
            () => ExecBlock(without ? i.Body : i.OrElse), why, i);
    }
}
