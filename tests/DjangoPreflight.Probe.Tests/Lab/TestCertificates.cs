using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DjangoPreflight.Probe.Tests.Lab;

/// <summary>Self-signed certificates made in-process, for TLS tests on loopback.</summary>
public static class TestCertificates
{
    /// <param name="name">A DNS name, or an IP address (goes in an IP SAN).</param>
    public static X509Certificate2 Create(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
        else san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(notBefore, notAfter);
        // The server side needs the private key in an exportable form on Linux.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    }

    public static string WritePem(X509Certificate2 cert)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dpl-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, cert.ExportCertificatePem());
        return path;
    }
}
