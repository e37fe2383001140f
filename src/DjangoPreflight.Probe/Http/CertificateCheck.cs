using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace DjangoPreflight.Probe.Http;

/// <summary>Validates server certificates for the probe: records the first one it sees for the
/// target host, trusts the --ca-file roots, and lets an untrusted certificate through only under
/// --insecure (so the rest of the site can still be checked while DPL14 reports it).</summary>
public sealed class CertificateCheck
{
    private readonly bool _insecure;
    private readonly X509Certificate2Collection _roots = [];
    private readonly Lock _lock = new();

    public CertificateCheck(bool insecure, string? caFile)
    {
        _insecure = insecure;
        if (caFile is not null)
            _roots.ImportFromPemFile(caFile);
    }

    public CertificateInfo? Observed { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var host = (sender as HttpRequestMessage)?.RequestUri?.Host ?? (sender as SslStream)?.TargetHostName ?? "";
        return Check(host, certificate, chain, errors);
    }

    /// <summary>Records what <paramref name="certificate"/> is worth for <paramref name="host"/>
    /// and says whether to go on with the connection.</summary>
    /// <param name="sent">The chain as validated, holding the intermediates the server sent.</param>
    public bool Check(string host, X509Certificate? certificate, X509Chain? sent, SslPolicyErrors errors)
    {
        if (certificate is null)
            return _insecure;
        var cert = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var problems = new List<string>();
        var trusted = (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0 || ChainsToCustomRoot(cert, sent, problems);
        if (!trusted && problems.Count == 0)
            problems.Add("not issued by a trusted authority");
        var nameMatches = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        lock (_lock)
        {
            Observed ??= new CertificateInfo(
                host,
                cert.Subject,
                cert.Issuer,
                cert.NotBefore.ToUniversalTime(),
                cert.NotAfter.ToUniversalTime(),
                NamesOf(cert),
                trusted,
                nameMatches,
                problems);
        }
        return (trusted && nameMatches) || _insecure;
    }

    private bool ChainsToCustomRoot(X509Certificate2 cert, X509Chain? sent, List<string> problems)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // Offline and bounded: never fetch missing intermediates (AIA) from the network.
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.UrlRetrievalTimeout = TimeSpan.FromSeconds(1);
        if (sent is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
            foreach (var element in sent.ChainElements)
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        if (_roots.Count > 0)
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        }
        if (chain.Build(cert))
            return true;
        foreach (var status in chain.ChainStatus.Select(s => s.Status).Distinct().Order())
            problems.Add(Describe(status));
        return false;
    }

    private static string Describe(X509ChainStatusFlags flag) => flag switch
    {
        X509ChainStatusFlags.NotTimeValid => "outside its validity period",
        X509ChainStatusFlags.UntrustedRoot => "issued by an untrusted root (self-signed or private CA)",
        X509ChainStatusFlags.PartialChain => "the chain to a trusted root is incomplete",
        X509ChainStatusFlags.NotSignatureValid => "the signature is invalid",
        X509ChainStatusFlags.Revoked => "revoked",
        _ => flag.ToString(),
    };

    private static List<string> NamesOf(X509Certificate2 cert)
    {
        var names = new List<string>();
        foreach (var ext in cert.Extensions)
            if (ext is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }
        if (names.Count == 0 && cert.GetNameInfo(X509NameType.DnsName, false) is { Length: > 0 } cn)
            names.Add(cn);
        return names.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }
}
