namespace DjangoPreflight.Analysis.Git;

/// <summary>A one-line progress indicator for long history scans, on stderr, only when stderr is a
/// terminal: piped or redirected output never carries progress.</summary>
public sealed class HistoryProgressLine : IProgress<HistoryProgress>, IDisposable
{
    // Short scans finish before this: no flicker for them.
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private readonly TextWriter _writer;
    private readonly DateTime _started = DateTime.UtcNow;
    private int _width;

    private HistoryProgressLine(TextWriter writer) => _writer = writer;

    public static IProgress<HistoryProgress>? ForConsole() =>
        Console.IsErrorRedirected ? null : new HistoryProgressLine(Console.Error);

    public void Report(HistoryProgress value)
    {
        if (DateTime.UtcNow - _started < Delay) return;
        var line = $"scanning git history: {value.Commits} commits, {value.BlobsRead}/{value.BlobsQueued} file versions read";
        lock (_writer)
        {
            _writer.Write($"\r{line.PadRight(_width)}");
            _width = Math.Max(_width, line.Length);
        }
    }

    /// <summary>Erases the line, so the report starts on a clean terminal line.</summary>
    public void Dispose()
    {
        lock (_writer)
            if (_width > 0) _writer.Write($"\r{new string(' ', _width)}\r");
    }
}
