using Qinshui.Edge.Desktop.Platform;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// A site's certificate authority and the gateway client certificates it signs: ECDSA P-256
/// (what mbedTLS on the ESP32 handles quickly), SHA-256 signatures, the gateway id as CN.
/// </summary>
public static class SiteCertificates
{
    public const string CaCertificateFile = "ca.crt.pem";
    public const string CaKeyFile = "ca.key.pem";

    /// <summary>Loads the CA from dir, or creates it there (key file readable by the owner only).</summary>
    public static X509Certificate2 LoadOrCreateCa(string dir, string site, out bool created)
    {
        string certFile = Path.Combine(dir, CaCertificateFile);
        string keyFile = Path.Combine(dir, CaKeyFile);
        if (File.Exists(certFile) && File.Exists(keyFile))
        {
            created = false;
            return X509Certificate2.CreateFromPemFile(certFile, keyFile);
        }
        if (File.Exists(certFile) || File.Exists(keyFile))
            throw new InvalidOperationException($"{dir} holds only one of {CaCertificateFile} and {CaKeyFile}: restore the other or use an empty directory");
        Directory.CreateDirectory(dir);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN=Qinshui.Edge site CA {site}, O={site}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var ca = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        File.WriteAllText(certFile, ca.ExportCertificatePem() + "\n");
        WritePrivate(keyFile, key.ExportPkcs8PrivateKeyPem() + "\n");
        created = true;
        return X509Certificate2.CreateFromPemFile(certFile, keyFile);
    }

    /// <summary>A client certificate for the gateway (CN = gateway id, O = site), signed by the CA; returns it with its new key.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) IssueGateway(X509Certificate2 ca, string site, string gateway, int validityYears) =>
        IssueClient(ca, site, gateway, validityYears);

    /// <summary>A client certificate for an operator or viewer (CN = OperatorName.CommonName), as for a gateway.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) IssueOperator(X509Certificate2 ca, string site, OperatorName op, int validityYears) =>
        IssueClient(ca, site, op.CommonName, validityYears);

    private static (X509Certificate2 Certificate, ECDsa Key) IssueClient(X509Certificate2 ca, string site, string commonName, int validityYears)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O={site}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2", "clientAuth")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive serial number
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddYears(validityYears);
        if (notAfter > ca.NotAfter) notAfter = ca.NotAfter;
        var cert = request.Create(ca, now.AddMinutes(-5), notAfter, serial);
        return (cert, key);
    }

    /// <summary>The broker's server certificate (serverAuth, SAN = each name: DNS, or IP when it parses as one), signed by the CA.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) IssueBroker(X509Certificate2 ca, string site, IReadOnlyList<string> names, int validityYears)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={names[0]}, O={site}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "serverAuth")], false));
        var san = new SubjectAlternativeNameBuilder();
        foreach (var n in names)
        {
            if (System.Net.IPAddress.TryParse(n, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(n);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddYears(validityYears);
        if (notAfter > ca.NotAfter) notAfter = ca.NotAfter;
        return (request.Create(ca, now.AddMinutes(-5), notAfter, serial), key);
    }

    /// <summary>True when cert chains to ca alone (no system roots, no revocation: the site CA is the only trust anchor).</summary>
    public static bool ChainsTo(X509Certificate2 cert, X509Certificate2 ca, out string status)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        bool ok = chain.Build(cert);
        status = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
        return ok && chain.ChainElements.Count == 2 && chain.ChainElements[1].Certificate.Thumbprint == ca.Thumbprint;
    }

    public static void WritePrivate(string file, string text)
    {
        File.WriteAllText(file, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public static void WritePrivate(string file, byte[] bytes)
    {
        File.WriteAllBytes(file, bytes);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
