using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Server;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// Issue 15 #3 end to end: MqttNetLink connects over TLS to an MQTTnet broker on loopback only when
/// that broker presents a server certificate from the site CA for the configured name
/// (BrokerCertificateCheck in the link's validation handler). A gateway's client certificate from the
/// same CA, a broker certificate for another name, or one from another CA: the TLS handshake fails,
/// the link never connects and says why. Waits are bounded waits for the link's state.
/// </summary>
public sealed class BrokerTlsLinkTests : IDisposable
{
    private const string BrokerName = "broker.lab.local";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-tls-link-").FullName;
    private readonly X509Certificate2 _ca;

    public BrokerTlsLinkTests() => _ca = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca"), "lab", out _);

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>An MQTTnet server on a free loopback port, TLS only, presenting the certificate.</summary>
    private static async Task<(MqttServer Server, int Port)> StartBroker((X509Certificate2 Certificate, ECDsa Key) presented)
    {
        // Through PKCS#12 so the TLS stack holds the private key as it would from a file.
        using var withKey = presented.Certificate.CopyWithPrivateKey(presented.Key);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
        int port = Peers.FreeTcpPort();
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
            .WithEncryptedEndpointPort(port)
            .WithEncryptionCertificate(certificate)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync();
        return (server, port);
    }

    private MqttNetLink Link(int port)
    {
        var (client, key) = SiteCertificates.IssueGateway(_ca, "lab", "gw-01", 1);
        using var clientWithKey = client.CopyWithPrivateKey(key);
        return new MqttNetLink(new MqttLinkOptions
        {
            Host = "127.0.0.1",
            Port = port,
            TlsTargetHost = BrokerName,
            ClientId = "lab/gw-01",
            TrustedCa = _ca,
            ClientCertificate = X509CertificateLoader.LoadPkcs12(clientWithKey.Export(X509ContentType.Pfx), null),
            ReconnectDelayMs = 50,
        });
    }

    /// <summary>Starts the link against a broker presenting the certificate; waits (bounded) until it connected or a handshake was refused.</summary>
    private async Task<(bool Connected, string? Error, int Clients)> Try((X509Certificate2, ECDsa) presented)
    {
        var (server, port) = await StartBroker(presented);
        try
        {
            await using var link = Link(port);
            link.Start();
            Assert.True(SpinWait.SpinUntil(() => link.IsConnected || link.BrokerRefusal != null, Bound),
                "neither connected nor refused within the bound: " + link.LastError);
            int clients = (await server.GetClientsAsync()).Count;
            return (link.IsConnected, link.BrokerRefusal, clients);
        }
        finally
        {
            await server.StopAsync(new MqttServerStopOptions());
            server.Dispose();
        }
    }

    [Fact]
    public async Task ABrokerCertificate_ForTheConfiguredName_FromTheSiteCa_Connects()
    {
        var (connected, error, clients) = await Try(SiteCertificates.IssueBroker(_ca, "lab", [BrokerName], 1));
        Assert.True(connected, error);
        Assert.Null(error);
        Assert.Equal(1, clients);
    }

    [Fact]
    public async Task AGatewaysClientCertificate_FromTheSameCa_IsRefused()
    {
        var (connected, error, clients) = await Try(SiteCertificates.IssueGateway(_ca, "lab", BrokerName, 1)); // even with the broker's name as CN
        Assert.False(connected);
        Assert.Contains("server certificate", error);
        Assert.Equal(0, clients);
    }

    [Fact]
    public async Task ABrokerCertificate_ForAnotherName_IsRefused()
    {
        var (connected, error, clients) = await Try(SiteCertificates.IssueBroker(_ca, "lab", ["evil.example"], 1));
        Assert.False(connected);
        Assert.Contains("not for " + BrokerName, error);
        Assert.Equal(0, clients);
    }

    [Fact]
    public async Task ABrokerCertificate_FromAnotherCa_IsRefused()
    {
        var otherCa = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "other"), "lab", out _);
        var (connected, error, clients) = await Try(SiteCertificates.IssueBroker(otherCa, "lab", [BrokerName], 1));
        Assert.False(connected);
        Assert.NotNull(error);
        Assert.Equal(0, clients);
    }
}
