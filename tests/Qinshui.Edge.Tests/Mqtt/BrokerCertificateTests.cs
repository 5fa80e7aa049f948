using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 15 #3: the host accepts as its broker only a server certificate from the site CA for the configured name.</summary>
public sealed class BrokerCertificateTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-pki-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void TheSiteBrokersCertificate_ForTheConfiguredName_IsAccepted()
    {
        var ca = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca"), "lab", out _);
        var (broker, _) = SiteCertificates.IssueBroker(ca, "lab", ["broker.lab.local", "127.0.0.1"], 1);
        Assert.True(BrokerCertificateCheck.IsAcceptable(ca, broker, "broker.lab.local", out string why), why);
        Assert.True(BrokerCertificateCheck.IsAcceptable(ca, broker, "127.0.0.1", out why), why);
    }

    [Fact]
    public void AGatewaysClientCertificate_FromTheSameCa_IsRefusedAsTheBroker()
    {
        var ca = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca"), "lab", out _);
        var (gateway, _) = SiteCertificates.IssueGateway(ca, "lab", "broker.lab.local", 1); // even with the broker's name as CN
        Assert.False(BrokerCertificateCheck.IsAcceptable(ca, gateway, "broker.lab.local", out string why));
        Assert.Contains("server certificate", why);
    }

    [Fact]
    public void ABrokerCertificateForAnotherName_IsRefused()
    {
        var ca = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca"), "lab", out _);
        var (other, _) = SiteCertificates.IssueBroker(ca, "lab", ["evil.example"], 1);
        Assert.False(BrokerCertificateCheck.IsAcceptable(ca, other, "broker.lab.local", out string why));
        Assert.Contains("not for broker.lab.local", why);
    }

    [Fact]
    public void ABrokerCertificateFromAnotherCa_IsRefused()
    {
        var ca = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca"), "lab", out _);
        var otherCa = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "other"), "lab", out _);
        var (broker, _) = SiteCertificates.IssueBroker(otherCa, "lab", ["broker.lab.local"], 1);
        Assert.False(BrokerCertificateCheck.IsAcceptable(ca, broker, "broker.lab.local", out _));
    }
}
