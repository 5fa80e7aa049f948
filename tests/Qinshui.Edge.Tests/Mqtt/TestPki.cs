using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// A throw-away PKI made in the test (no openssl): a CA, a broker certificate for 127.0.0.1 and
/// localhost, and per-gateway client certificates (CN = gateway id), all ECDSA P-256.
/// </summary>
public sealed class TestPki : IDisposable
{
    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly List<IDisposable> _owned = new();

    public TestPki()
    {
        var req = new CertificateRequest("CN=Qinshui.Edge test CA", _caKey, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        Ca = req.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _owned.Add(Ca);
        Server = Issue("CN=127.0.0.1", server: true, out _serverKey);
    }

    private readonly ECDsa _serverKey;

    public X509Certificate2 Ca { get; }
    public X509Certificate2 Server { get; }

    /// <summary>A client certificate with its private key (for mutual TLS).</summary>
    public X509Certificate2 Client(string gatewayId)
    {
        var cert = Issue("CN=" + gatewayId, server: false, out var key);
        var withKey = cert.CopyWithPrivateKey(key);
        // SslStream on Linux wants a certificate whose key it can use: round-trip through PKCS#12.
        var usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12, "t"), "t");
        _owned.Add(withKey);
        _owned.Add(usable);
        return usable;
    }

    private X509Certificate2 Issue(string subject, bool server, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _owned.Add(key);
        var req = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            req.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        var cert = req.Create(Ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
        _owned.Add(cert);
        return cert;
    }

    public void WriteBrokerFiles(string dir)
    {
        File.WriteAllText(Path.Combine(dir, "ca.pem"), Ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.pem"), Server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(dir, "server.key"), _serverKey.ExportPkcs8PrivateKeyPem());
    }

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
        _caKey.Dispose();
    }
}
