using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>A server process the lab starts and always stops (the whole process tree), with its
/// output kept for assertions and failure messages.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildProcess(Process process) => _process = process;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static ChildProcess Start(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> env)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        var child = new ChildProcess(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs a command to completion; throws with its output if it fails (exits with other
    /// than 0, or than 0 and 1 when <paramref name="oneIsAnAnswer"/>: a scanner reporting findings).</summary>
    public static string Run(string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string> env, TimeSpan timeout, bool oneIsAnAnswer = false)
    {
        using var child = Start(file, args, workingDirectory, env);
        if (!child._process.WaitForExit(timeout))
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} did not finish within {timeout}:\n{child.Output}");
        child._process.WaitForExit();
        if (child._process.ExitCode != 0 && !(oneIsAnAnswer && child._process.ExitCode == 1))
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({child._process.ExitCode}):\n{child.Output}");
        return child.Output;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>Waits until something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public void WaitForPort(int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited ({_process.ExitCode}) before listening on {port}:\n{Output}");
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} did not listen on {port} within {timeout}:\n{Output}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
