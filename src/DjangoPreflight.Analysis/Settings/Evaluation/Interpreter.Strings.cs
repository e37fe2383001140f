using System.Text;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Settings.Evaluation;

internal sealed partial class Interpreter
{
    private PyValue EvalFString(JoinedStr j)
    {
        var sb = new StringBuilder();
        foreach (var part in j.Values)
        {
            var v = Eval(part);
            if (v is PyUnknown u) return new PyUnknown($"f-string with an unknown part ({u.Reason})");
            if (v is not PyStr s) return new PyUnknown("f-string part is not a string");
            sb.Append(s.Value);
            if (sb.Length > Py.MaxStringLength) return new PyUnknown("string too long");
        }
        return Py.Str(sb.ToString());
    }

    private PyValue FormatField(PyValue value, int conversion, Expression? spec)
    {
        string? specText = null;
        if (spec is not null)
        {
            var s = Eval(spec);
            if (s is not PyStr ss) return new PyUnknown("format spec is unknown");
            specText = ss.Value;
        }
        return Formatting.Field(value, conversion, specText);
    }
}
