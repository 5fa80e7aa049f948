using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// Issue 15 #9 on a real Mosquitto: the broker runs exactly the configuration and ACL `qedge provision
/// broker` writes (only the listener's port and bind address chosen for the test). Gateway A, with
/// its own certificate from the site CA, can neither publish on gateway B's topics nor read B's
/// commands, even when it names B in its CONNECT; a viewer cannot command; a client without a
/// certificate, or with one from another CA, never connects. "Not delivered" is decided by a marker
/// published after the forbidden message on the same connection: Mosquitto delivers one client's
/// messages to a subscriber in order, so once the marker arrived the forbidden one would have too.
/// </summary>
public sealed class BrokerAclInteropTests : IDisposable
{
    private const string Site = "site-1"; // GatewayHarness's site
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-acl-").FullName;
    private readonly X509Certificate2 _ca;
    private readonly List<IMqttClient> _clients = [];
    private MosquittoBroker? _broker;

    public BrokerAclInteropTests() => _ca = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "ca"), Site, out _);

    public void Dispose()
    {
        foreach (var c in _clients) c.Dispose();
        _broker?.Dispose();
        _ca.Dispose();
        Directory.Delete(_dir, true);
    }

    private MosquittoBroker Broker()
    {
        _ = Peers.Mosquitto; // skips (or fails under CI) before anything is written
        int port = Peers.FreeTcpPort();
        string brokerDir = Path.Combine(_dir, "broker");
        BrokerProvisioning.Write(new BrokerProvisioningOptions
        {
            Site = Site,
            CaDir = Path.Combine(_dir, "ca"),
            OutDir = brokerDir,
            Names = ["localhost", "127.0.0.1"],
            Port = port,
            BindAddress = "127.0.0.1",
            InstallDir = brokerDir,
            Operators = [new OperatorName("tech1", mayCommand: true), new OperatorName("wall", mayCommand: false)],
        });
        return _broker = new MosquittoBroker(brokerDir, port, File.ReadAllText(Path.Combine(brokerDir, BrokerProvisioning.ConfigFile)));
    }

    private X509Certificate2 Identity(string commonName, X509Certificate2? ca = null)
    {
        var (cert, key) = commonName.Contains(':')
            ? SiteCertificates.IssueOperator(ca ?? _ca, Site, new OperatorName(commonName[(commonName.IndexOf(':') + 1)..], commonName.StartsWith(OperatorName.OperatorPrefix)), 1)
            : SiteCertificates.IssueGateway(ca ?? _ca, Site, commonName, 1);
        using (cert)
        using (key)
        using (var withKey = cert.CopyWithPrivateKey(key))
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Connects over TLS as the certificate's owner (null: no client certificate); returns the client and what it receives.</summary>
    private async Task<(IMqttClient Client, BlockingCollection<(string Topic, string Payload)> Inbox)> Connect(X509Certificate2? identity, string? username = null)
    {
        var factory = new MqttClientFactory();
        var client = factory.CreateMqttClient();
        _clients.Add(client);
        var inbox = new BlockingCollection<(string, string)>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            inbox.Add((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
        var b = factory.CreateClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _broker!.Port)
            .WithClientId("t-" + Guid.NewGuid().ToString("N")[..10])
            .WithTimeout(Bound);
        if (username != null) b = b.WithCredentials(username, "");
        b = BrokerCredentials.From(_ca, identity).Apply(b, "127.0.0.1");
        using var cts = new CancellationTokenSource(Bound);
        await client.ConnectAsync(b.Build(), cts.Token);
        return (client, inbox);
    }

    private static Task Subscribe(IMqttClient c, params string[] filters)
    {
        var o = new MqttClientSubscribeOptionsBuilder();
        foreach (var f in filters) o.WithTopicFilter(f, MqttQualityOfServiceLevel.AtLeastOnce);
        return c.SubscribeAsync(o.Build());
    }

    private static Task Publish(IMqttClient c, string topic, string payload) =>
        c.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>Everything received up to and including the marker payload (bounded wait).</summary>
    private static List<(string Topic, string Payload)> UntilMarker(BlockingCollection<(string Topic, string Payload)> inbox, string marker)
    {
        var seen = new List<(string, string)>();
        using var cts = new CancellationTokenSource(Bound);
        while (true)
        {
            var m = inbox.Take(cts.Token);
            seen.Add(m);
            if (m.Payload == marker) return seen;
        }
    }

    private static string T(string gateway, string kind) => $"qinshui/v1/{Site}/{gateway}/{kind}";

    [SkippableFact]
    public async Task GatewayA_CannotPublishOnGatewayBsTopics_EvenNamingBInItsConnect()
    {
        Broker();
        var (op, seen) = await Connect(Identity("operator:tech1"));
        await Subscribe(op, $"qinshui/v1/{Site}/#");
        var (a, _) = await Connect(Identity("gw-a"));
        var (aAsB, _) = await Connect(Identity("gw-a"), username: "gw-b");

        await Publish(a, T("gw-b", "data"), "forged-data");
        await Publish(a, T("gw-b", "reply"), "forged-reply");
        await Publish(a, T("gw-a", "cmd"), "self-command");
        await Publish(aAsB, T("gw-b", "alarm"), "forged-as-b");
        await Publish(aAsB, T("gw-a", "data"), "marker-0");
        await Publish(a, T("gw-a", "data"), "marker");

        var got = UntilMarker(seen, "marker");
        Assert.DoesNotContain(got, m => m.Payload.StartsWith("forged") || m.Payload == "self-command");
        Assert.Contains(got, m => m.Topic == T("gw-a", "data") && m.Payload == "marker-0");
    }

    [SkippableFact]
    public async Task GatewayA_ReadsItsOwnCommands_NotGatewayBs()
    {
        Broker();
        var (a, aInbox) = await Connect(Identity("gw-a"));
        await Subscribe(a, T("gw-b", "cmd"), T("gw-a", "cmd"), $"qinshui/v1/{Site}/gw-b/#");
        var (op, _) = await Connect(Identity("operator:tech1"));

        await Publish(op, T("gw-b", "cmd"), "for-b");
        await Publish(op, T("gw-a", "cmd"), "marker");

        var got = UntilMarker(aInbox, "marker");
        Assert.DoesNotContain(got, m => m.Payload == "for-b");
        Assert.Equal(T("gw-a", "cmd"), got[^1].Topic);
    }

    [SkippableFact]
    public async Task AViewerReads_ButCannotCommand()
    {
        Broker();
        var (a, aInbox) = await Connect(Identity("gw-a"));
        await Subscribe(a, T("gw-a", "cmd"));
        var (viewer, viewerInbox) = await Connect(Identity("viewer:wall"));
        await Subscribe(viewer, $"qinshui/v1/{Site}/#");
        var (op, _) = await Connect(Identity("operator:tech1"));

        await Publish(viewer, T("gw-a", "cmd"), "from-viewer");
        await Publish(op, T("gw-a", "cmd"), "marker");
        await Publish(a, T("gw-a", "health"), "health-marker");

        Assert.DoesNotContain(UntilMarker(aInbox, "marker"), m => m.Payload == "from-viewer");
        Assert.Contains(UntilMarker(viewerInbox, "health-marker"), m => m.Topic == T("gw-a", "health"));
    }

    [SkippableFact]
    public async Task AClientWithoutACertificate_IsRefused()
    {
        Broker();
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(null));
        // The same connection with a certificate from the site CA succeeds: the refusal was the missing certificate.
        var (ok, _) = await Connect(Identity("viewer:wall"));
        Assert.True(ok.IsConnected);
    }

    [SkippableFact]
    public async Task AClientWithACertificateFromAnotherCa_IsRefused()
    {
        Broker();
        using var otherCa = SiteCertificates.LoadOrCreateCa(Path.Combine(_dir, "other-ca"), Site, out _);
        await Assert.ThrowsAnyAsync<Exception>(() => Connect(Identity("operator:tech1", otherCa)));
        // The same name from the site CA connects: the refusal was the CA, not the name.
        var (ok, _) = await Connect(Identity("operator:tech1"));
        Assert.True(ok.IsConnected);
    }

    [SkippableFact]
    public async Task OperatorAddedLater_ToTheAcl_CanCommand_AfterTheBrokerRereadsIt()
    {
        var broker = Broker();
        string acl = Path.Combine(broker.Dir, BrokerProvisioning.AclFile);
        var lines = OperatorProvisioning.Write(new OperatorProvisioningOptions
        {
            Site = Site,
            CaDir = Path.Combine(_dir, "ca"),
            OutDir = Path.Combine(_dir, "tech2"),
            Operator = new OperatorName("tech2", mayCommand: true),
            AclFile = acl,
        });
        Assert.Contains(lines, l => l.Contains("added operator:tech2"));
        Assert.False(BrokerProvisioning.AddOperator(acl, Site, new OperatorName("tech2", true)), "a second add leaves the ACL alone");
        broker.Kill();
        broker.Start();

        using var creds = BrokerCredentials.Load(Path.Combine(_dir, "tech2", "ca.pem"), Path.Combine(_dir, "tech2", "operator.pem"), Path.Combine(_dir, "tech2", "operator.key"));
        var (a, aInbox) = await Connect(Identity("gw-a"));
        await Subscribe(a, T("gw-a", "cmd"));
        var (tech2, _) = await Connect(creds.Client);
        await Publish(tech2, T("gw-a", "cmd"), "marker");

        Assert.Equal("marker", UntilMarker(aInbox, "marker")[^1].Payload);
    }

    /// <summary>The real gateway session over the provisioned broker: everything it publishes passes the ACL, and the operator's command reaches it.</summary>
    [SkippableFact]
    public async Task AGatewaySession_PublishesEveryKindThroughTheAcl_AndReceivesTheOperatorsCommand()
    {
        Broker();
        var (op, seen) = await Connect(Identity("operator:tech1"));
        await Subscribe(op, $"qinshui/v1/{Site}/#");
        var topics = new Qinshui.Edge.Core.Mqtt.MqttTopics(Site, "gw-01");
        await using var link = new MqttNetLink(new MqttLinkOptions
        {
            Host = "127.0.0.1", Port = _broker!.Port, ClientId = Site + "/gw-01", TrustedCa = _ca, ClientCertificate = Identity("gw-01"),
            CommandTopic = topics.Topic(Qinshui.Edge.Core.Mqtt.MessageKind.Cmd), ReconnectDelayMs = 100,
        });
        var g = new GatewayHarness(channels: 4, link: link, batchIntervalMs: 1000);
        link.Start();
        Assert.True(SpinWait.SpinUntil(() => link.IsConnected || link.BrokerRefusal != null, Bound), "link: " + link.LastError);
        Assert.True(link.IsConnected, link.BrokerRefusal);
        for (int i = 0; i < 30; i++)
        {
            g.Scan(0.1);
            g.Clock.Advance(1000);
            g.Session.Step();
        }
        g.Recorder.Flush();
        Assert.True(SpinWait.SpinUntil(() => { g.Session.Step(); return g.Journal.PendingData == 0 && g.Session.InFlight == 0 && g.Session.Acknowledged > 0; }, Bound),
            "the gateway's messages acknowledged");
        await Publish(op, topics.Topic(Qinshui.Edge.Core.Mqtt.MessageKind.Health), "never-from-an-operator");
        await Publish(op, T("gw-01", "cmd"), "marker");

        var got = UntilMarker(seen, "marker");
        var kinds = got.Select(m => m.Topic[(m.Topic.LastIndexOf('/') + 1)..]).ToHashSet();
        Assert.Contains("birth", kinds);
        Assert.Contains("data", kinds);
        Assert.DoesNotContain(got, m => m.Payload == "never-from-an-operator");
        var topic = new byte[256];
        var payload = new byte[4096];
        Assert.True(SpinWait.SpinUntil(() => link.TryReceive(topic, out _, payload, out int n) && Encoding.UTF8.GetString(payload, 0, n) == "marker", Bound),
            "the operator's command reached the gateway");
    }

    /// <summary>The technician's client (config push, commission) over mutual TLS with the files `qedge provision operator` wrote.</summary>
    [SkippableFact]
    public async Task ThePlatformClient_WithAnOperatorCertificate_SendsACommandTheGatewayReceives_AndWithoutOneIsRefused()
    {
        Broker();
        OperatorProvisioning.Write(new OperatorProvisioningOptions
        {
            Site = Site, CaDir = Path.Combine(_dir, "ca"), OutDir = Path.Combine(_dir, "tech1"), Operator = new OperatorName("tech1", mayCommand: true),
        });
        using var creds = BrokerCredentials.Load(Path.Combine(_dir, "tech1", "ca.pem"), Path.Combine(_dir, "tech1", "operator.pem"), Path.Combine(_dir, "tech1", "operator.key"));
        var (gw, inbox) = await Connect(Identity("gw-a"));
        await Subscribe(gw, T("gw-a", "cmd"));
        string url = $"mqtts://127.0.0.1:{_broker!.Port}";

        await using (var client = await PlatformClient.ConnectAsync(url, Site, "gw-a", creds.Ca, creds.Client, Bound))
            await client.SendAsync("c-1", Encoding.UTF8.GetBytes("marker"), TimeSpan.FromMilliseconds(1));

        Assert.Equal(T("gw-a", "cmd"), UntilMarker(inbox, "marker")[^1].Topic);
        await Assert.ThrowsAnyAsync<Exception>(async () => await PlatformClient.ConnectAsync(url, Site, "gw-a", creds.Ca, null, Bound));
    }

    /// <summary>qedge monitor as a viewer over mutual TLS (mqtts://, --ca/--cert/--cert-key) sees what a gateway publishes.</summary>
    [SkippableFact]
    public async Task TheMonitor_AsAViewerOverMutualTls_SeesTheGatewaysMessages()
    {
        Broker();
        OperatorProvisioning.Write(new OperatorProvisioningOptions
        {
            Site = Site, CaDir = Path.Combine(_dir, "ca"), OutDir = Path.Combine(_dir, "wall"), Operator = new OperatorName("wall", mayCommand: false),
        });
        using var creds = BrokerCredentials.Load(Path.Combine(_dir, "wall", "ca.pem"), Path.Combine(_dir, "wall", "operator.pem"), Path.Combine(_dir, "wall", "operator.key"));
        var output = new StringWriter();
        var synced = TextWriter.Synchronized(output);
        using var stop = new CancellationTokenSource();
        var options = new Qinshui.Edge.Simulator.Monitor.MonitorOptions { Broker = new Uri($"mqtts://127.0.0.1:{_broker!.Port}"), Raw = true, Language = "en", Tls = creds };
        var run = Task.Run(() => Qinshui.Edge.Simulator.Monitor.MonitorSession.Run(options, synced, synced, stop.Token));
        Assert.True(SpinWait.SpinUntil(() => output.ToString().Contains("monitoring") || run.IsCompleted, Bound), output.ToString());
        var (gw, _) = await Connect(Identity("gw-a"));

        await Publish(gw, T("gw-a", "state"), "{\"v\":1,\"state\":\"online\"}");

        bool seen = SpinWait.SpinUntil(() => output.ToString().Contains(T("gw-a", "state")), Bound);
        stop.Cancel();
        await run;
        Assert.True(seen, output.ToString());
    }
}
