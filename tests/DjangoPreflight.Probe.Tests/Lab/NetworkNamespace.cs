namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>
/// A network namespace of the lab's own (`ip netns add`), with only its loopback up: ports 80 and
/// 443 are free there whatever runs on the machine, and nothing in it can reach anything else. Its
/// host names come from /etc/netns/NAME/hosts, which `ip netns exec` mounts over /etc/hosts for the
/// processes it starts (the machine's /etc/hosts is never touched). Dispose deletes the namespace
/// and that directory, leaving /etc as it was.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private readonly string _etc;
    private readonly bool _createdEtcNetns;

    public NetworkNamespace(IEnumerable<string> hostNames)
    {
        Name = $"dpl-lab-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        _etc = Path.Combine("/etc/netns", Name);
        var none = new Dictionary<string, string>();
        ChildProcess.Run("ip", ["netns", "add", Name], "/", none, TimeSpan.FromSeconds(20));
        _createdEtcNetns = !Directory.Exists("/etc/netns");
        Directory.CreateDirectory(_etc);
        File.WriteAllText(Path.Combine(_etc, "hosts"), "127.0.0.1 localhost\n" + string.Concat(hostNames.Select(h => $"127.0.0.1 {h}\n")));
        Exec(["ip", "link", "set", "lo", "up"]);
    }

    public string Name { get; }

    /// <summary>Runs a command in the namespace to completion and returns its output.</summary>
    public string Exec(IEnumerable<string> command, string? workingDirectory = null, IReadOnlyDictionary<string, string>? env = null, TimeSpan? timeout = null, bool oneIsAnAnswer = false) =>
        ChildProcess.Run("ip", ["netns", "exec", Name, .. command], workingDirectory ?? "/", env ?? new Dictionary<string, string>(), timeout ?? TimeSpan.FromSeconds(30), oneIsAnAnswer);

    /// <summary>Waits until something in the namespace listens on TCP <paramref name="port"/>.</summary>
    public void WaitForPort(ChildProcess process, int port, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (Exec(["ss", "-Hltn", $"sport = :{port}"]).Trim().Length > 0)
                return;
            Thread.Sleep(200);
        }
        throw new TimeoutException($"nothing listened on {port} in {Name} within {timeout}:\n{process.Output}");
    }

    public void Dispose()
    {
        try
        {
            ChildProcess.Run("ip", ["netns", "delete", Name], "/", new Dictionary<string, string>(), TimeSpan.FromSeconds(20));
        }
        finally
        {
            if (Directory.Exists(_etc))
                Directory.Delete(_etc, recursive: true);
            if (_createdEtcNetns && Directory.Exists("/etc/netns") && !Directory.EnumerateFileSystemEntries("/etc/netns").Any())
                Directory.Delete("/etc/netns");
        }
    }
}
