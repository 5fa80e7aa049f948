using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// What the host accepts as its broker (issue 15 #3): a certificate that chains to the site CA
/// alone (no system roots, RFC 5280 path), is meant for a TLS server (extended key usage
/// serverAuth, RFC 5280 §4.2.1.12 — a gateway's client certificate is clientAuth only) and names
/// the configured host in its subject alternative names (RFC 6125 §6.4; an IP address as an IP SAN).
/// </summary>
public static class BrokerCertificateCheck
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";

    public static bool IsAcceptable(X509Certificate2 ca, X509Certificate? presented, string host, out string reason)
    {
        if (presented == null)
        {
            reason = "the broker presented no certificate";
            return false;
        }
        using var cert = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuth));
        if (!chain.Build(cert) || chain.ChainElements[^1].Certificate.Thumbprint != ca.Thumbprint)
        {
            reason = "the broker's certificate does not chain to the site CA as a server certificate: "
                     + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()));
            return false;
        }
        if (!cert.MatchesHostname(host, allowWildcards: false, allowCommonName: false))
        {
            reason = $"the broker's certificate is not for {host} (subject alternative names)";
            return false;
        }
        reason = "";
        return true;
    }
}
