namespace DjangoPreflight.Probe.Http;

/// <summary>The server certificate as the first TLS connection to the target saw it, and what
/// validation said about it (with the user's --ca-file roots, if any).</summary>
public sealed record CertificateInfo(
    string Host,
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> Names,
    bool Trusted,
    bool NameMatches,
    IReadOnlyList<string> ChainProblems);
