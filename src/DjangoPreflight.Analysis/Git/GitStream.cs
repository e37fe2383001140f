using System.Diagnostics;
using System.Text;

namespace DjangoPreflight.Analysis.Git;

/// <summary>
/// A git command whose output is read while it runs (started by <see cref="GitRunner.Stream"/>, with
/// every protection <see cref="GitRunner"/> gives a command): its standard error is collected on the
/// side, so git never blocks writing it; lines given up front are fed to its input from another
/// thread, so git never blocks on output nobody reads while we write; and it is killed at its
/// deadline, which ends the caller's read with what was read so far.
/// </summary>
public sealed class GitStream : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly Task? _writer;
    private readonly Timer? _deadline;

    internal GitStream(Process process, IReadOnlyCollection<string>? lines, TimeSpan? deadline)
    {
        _process = process;
        _errors = DedicatedThread.Run(process.StandardError.ReadToEnd);
        if (lines is not null) _writer = DedicatedThread.Run(() => WriteLines(lines));
        if (deadline is { } after)
            _deadline = new Timer(_ =>
            {
                TimedOut = true;
                Kill();
            }, null, after, Timeout.InfiniteTimeSpan);
    }

    /// <summary>What git writes; reading it throws <see cref="IOException"/> once git is killed.</summary>
    public Stream Output => _process.StandardOutput.BaseStream;

    /// <summary>Git's input, for a command started with input and no lines given (the caller writes it).</summary>
    public Stream Input => _process.StandardInput.BaseStream;

    /// <summary>True once its own deadline killed the command.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Waits for git to end (after the caller has read its output) and returns its exit code
    /// and standard error.</summary>
    public (int ExitCode, string Errors) Finish()
    {
        _writer?.Wait();
        _process.WaitForExit();
        return (_process.ExitCode, _errors.Result);
    }

    public void Kill() => GitRunner.Kill(_process);

    public void Dispose()
    {
        _deadline?.Dispose();
        _process.Dispose();
    }

    private void WriteLines(IEnumerable<string> lines)
    {
        try
        {
            using var input = new StreamWriter(_process.StandardInput.BaseStream, new UTF8Encoding(false)) { NewLine = "\n" };
            foreach (var line in lines) input.WriteLine(line);
        }
        catch (IOException)
        {
            // git stopped early; what it answered is still read.
        }
    }
}
