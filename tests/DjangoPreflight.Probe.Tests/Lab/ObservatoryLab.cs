using System.Text.Json;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>
/// The TLS lab in a network namespace of its own, on ports 80 and 443 with the variants' names
/// mapped to 127.0.0.1 there (the MDN HTTP Observatory scans a host name, on the standard ports
/// only), with the Observatory's own scanner installed by scripts/test from npm (scripts not run)
/// and our command line, each run inside the namespace. Nothing outside the namespace is changed
/// but /etc/netns/NAME, removed with it.
/// </summary>
public sealed class ObservatoryLab : TlsLab
{
    private readonly NetworkNamespace _ns;

    public ObservatoryLab() : this(new NetworkNamespace(Variants.SelectMany(h => new[] { h, $"www.{h}" })))
    {
    }

    private ObservatoryLab(NetworkNamespace ns) : base(ns) => _ns = ns;

    public static string ScannerScript =>
        Path.Combine(LabDirectory.RepoRoot(), "artifacts", "npm", "node_modules", "@mdn", "mdn-http-observatory", "src", "scan.js");

    public override Task InitializeAsync()
    {
        if (!File.Exists(ScannerScript))
            throw new InvalidOperationException($"{ScannerScript} is missing: scripts/test installs it before any test runs");
        return base.InitializeAsync();
    }

    /// <summary>The Observatory's JSON for <paramref name="host"/>, trusting the lab's CA (its
    /// wrapper would replace NODE_EXTRA_CA_CERTS with Mozilla's bundle, so the scanner is run directly).</summary>
    public JsonDocument Observatory(string host) =>
        JsonDocument.Parse(_ns.Exec(["node", ScannerScript, host], Root, new Dictionary<string, string> { ["NODE_EXTRA_CA_CERTS"] = CaFile }, TimeSpan.FromMinutes(2)));

    /// <summary>Our probe of <paramref name="host"/>, run as the built command line inside the namespace.</summary>
    public string Probe(string host) =>
        _ns.Exec(["dotnet", Path.Combine(AppContext.BaseDirectory, "django-preflight.dll"), "probe", Url(host).ToString(),
                "--ca-file", CaFile, "--format", "json", "--timeout", "20"],
            Root, new Dictionary<string, string>(), TimeSpan.FromMinutes(2), oneIsAnAnswer: true);

    public override async Task DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            _ns.Dispose();
        }
    }
}
