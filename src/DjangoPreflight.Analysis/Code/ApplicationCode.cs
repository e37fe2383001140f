using DjangoPreflight.Python;
using DjangoPreflight.Python.Ast;

namespace DjangoPreflight.Analysis.Code;

/// <summary>
/// What the view, error-tracker, hand-written CORS and upload-field facts need from one application file, taken in one walk right
/// after the file is parsed. Keeping these small records instead of the syntax trees is what lets a
/// large project's files be parsed and dropped one by one: holding every tree until the last fact
/// had read it made the garbage collector copy them all, again and again, for most of a scan.
/// </summary>
public sealed class ApplicationCode
{
    internal List<ViewInfo> FunctionViews { get; } = [];

    internal List<ViewFacts.ClassRecord> Classes { get; } = [];

    internal List<CsrfExemptCall> CsrfExemptCalls { get; } = [];

    internal List<ErrorTrackerInit> ErrorTrackerInits { get; } = [];

    internal List<HandWrittenCors> HandWrittenCors { get; } = [];

    internal List<UploadField> UploadFields { get; } = [];

    internal List<SchemeFromHeader> SchemeHeaders { get; } = [];

    /// <summary>The module's top-level decorators and functions given a request, which views resolve by name.</summary>
    internal List<ViewFacts.FunctionRecord> Functions { get; } = [];

    public static ApplicationCode Extract(string path, ParseResult parsed)
    {
        var code = new ApplicationCode();
        ViewFacts.Extract(path, parsed.Module, code.FunctionViews, code.Classes, code.Functions);
        code.HandWrittenCors.AddRange(Code.HandWrittenCors.Of(path, parsed.Module));
        code.UploadFields.AddRange(UploadField.Of(path, parsed.Module));
        code.SchemeHeaders.AddRange(SchemeFromHeader.Of(path, parsed.Module));
        var sentryInitImported = ErrorTrackerFacts.ImportsSentryInit(parsed.Module);
        foreach (var call in AstWalker.DescendantsOfType<Call>(parsed.Module))
        {
            if (ViewFacts.CsrfExemptCallOf(path, parsed, call) is { } exempt) code.CsrfExemptCalls.Add(exempt);
            if (ErrorTrackerFacts.InitOf(path, call, sentryInitImported) is { } init) code.ErrorTrackerInits.Add(init);
        }
        return code;
    }
}
