using System.Collections.Concurrent;
using DjangoPreflight.Core;

namespace DjangoPreflight.Analysis.Project;

/// <summary>Thread-safe sink for what goes into the report summary: parse errors, notices and
/// settings that could not be resolved. Read back sorted, so the order of discovery never shows.</summary>
public sealed class ProjectDiagnostics
{
    private readonly ConcurrentDictionary<ParseErrorInfo, byte> _parseErrors = new();
    private readonly ConcurrentDictionary<string, byte> _notices = new();
    private readonly ConcurrentDictionary<string, byte> _unresolved = new();

    public void ParseError(string path, int line, string message) => _parseErrors.TryAdd(new ParseErrorInfo(path, line, message), 0);

    public void Notice(string message) => _notices.TryAdd(message, 0);

    public void Unresolved(string setting) => _unresolved.TryAdd(setting, 0);

    public IReadOnlyList<ParseErrorInfo> ParseErrors =>
        _parseErrors.Keys.OrderBy(e => e.Path, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Message, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Notices => _notices.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> UnresolvedSettings => _unresolved.Keys.Order(StringComparer.Ordinal).ToList();
}
