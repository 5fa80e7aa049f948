using System.Security.Cryptography;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>What `qedge provision operator` is asked for.</summary>
public sealed record OperatorProvisioningOptions
{
    public required string Site { get; init; }
    public required string CaDir { get; init; }
    public required string OutDir { get; init; }
    public required OperatorName Operator { get; init; }
    public int ValidityYears { get; init; } = 1;

    /// <summary>A copy of the broker's ACL to add the operator's section to; null leaves the ACL alone.</summary>
    public string? AclFile { get; init; }
}

/// <summary>
/// A technician's or tool's client certificate from the site CA (issue 15 #9): `qedge config push`,
/// `commission`, `monitor`, `web` and `bridge` connect with it (mutual TLS), and the broker's ACL
/// knows it by its CN.
/// </summary>
public static class OperatorProvisioning
{
    public const string CertificateFile = "operator.pem";
    public const string KeyFile = "operator.key";

    public static IReadOnlyList<string> Write(OperatorProvisioningOptions o)
    {
        if (Directory.Exists(o.OutDir) && Directory.EnumerateFileSystemEntries(o.OutDir).Any())
            throw new UsageException($"{o.OutDir} is not empty; a private key is never overwritten silently");
        if (o.AclFile != null && !File.Exists(o.AclFile)) throw new UsageException($"{o.AclFile} does not exist (the broker's acl from `qedge provision broker`)");
        if (!File.Exists(Path.Combine(o.CaDir, SiteCertificates.CaCertificateFile)))
            throw new UsageException($"{o.CaDir} holds no site CA: operators get certificates from the CA the gateways and the broker already use (`qedge provision` creates it)");
        var lines = new List<string>();
        using var ca = SiteCertificates.LoadOrCreateCa(o.CaDir, o.Site, out _);
        var (cert, key) = SiteCertificates.IssueOperator(ca, o.Site, o.Operator, o.ValidityYears);
        using (cert)
        using (key)
        {
            Directory.CreateDirectory(o.OutDir);
            File.WriteAllText(Path.Combine(o.OutDir, BrokerProvisioning.CaFile), ca.ExportCertificatePem() + "\n");
            File.WriteAllText(Path.Combine(o.OutDir, CertificateFile), cert.ExportCertificatePem() + "\n");
            SiteCertificates.WritePrivate(Path.Combine(o.OutDir, KeyFile), key.ExportPkcs8PrivateKeyPem() + "\n");
            lines.Add($"{(o.Operator.MayCommand ? "operator" : "viewer")} certificate CN={o.Operator.CommonName}, valid to {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}, sha256 {cert.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant()}");
            lines.Add($"written to {o.OutDir}: {BrokerProvisioning.CaFile}, {CertificateFile}, {KeyFile}");
        }
        if (o.AclFile != null)
        {
            lines.Add(BrokerProvisioning.AddOperator(o.AclFile, o.Site, o.Operator)
                ? $"added {o.Operator.CommonName} to {o.AclFile}; copy it to the broker and reload mosquitto"
                : $"{o.AclFile} already has {o.Operator.CommonName}; left as it was");
        }
        lines.Add($"connect with: --ca {Path.Combine(o.OutDir, BrokerProvisioning.CaFile)} --cert {Path.Combine(o.OutDir, CertificateFile)} --cert-key {Path.Combine(o.OutDir, KeyFile)}");
        return lines;
    }
}
