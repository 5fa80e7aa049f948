using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// The desktop MQTTnet link and the core's session against a real Mosquitto (Debian package),
/// started by each test on a free loopback port. Waits are bounded waits for a condition.
/// </summary>
public class MosquittoInteropTests
{
    private static void WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > timeout) throw new TimeoutException("timed out waiting for " + what);
            Thread.Sleep(5);
        }
    }

    private static void Drain(MqttNetLink link, List<(string Topic, byte[] Payload)> into)
    {
        var topic = new byte[1024];
        var payload = new byte[65536];
        while (link.TryReceive(topic, out int tl, payload, out int pl)) into.Add((Encoding.UTF8.GetString(topic, 0, tl), payload[..pl]));
    }

    private static string Kind(string topic) => topic[(topic.LastIndexOf('/') + 1)..];

    [SkippableFact]
    public async Task BrokerKilledAndRestartedMidStream_EveryReadingArrives_DuplicatesOnlyWithTheSameBootAndSeq()
    {
        using var broker = new MosquittoBroker();
        var topics = new MqttTopics("site-1", "gw-01");
        await using var sub = new MqttNetLink(new MqttLinkOptions
        {
            Port = broker.Port, ClientId = "platform", CommandTopic = "qinshui/v1/#", MaxReceived = 1_000_000, ReconnectDelayMs = 100,
        });
        await using var gw = new MqttNetLink(new MqttLinkOptions
        {
            Port = broker.Port, ClientId = "gw-01", CommandTopic = topics.Topic(MessageKind.Cmd), ReconnectDelayMs = 100,
            WillTopic = topics.Topic(MessageKind.State), WillPayload = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}"),
        });
        var g = new GatewayHarness(channels: 16, link: gw);
        sub.Start();
        gw.Start();
        WaitUntil(() => sub.IsConnected && gw.IsConnected, TimeSpan.FromSeconds(15), "both clients connected");
        var received = new List<(string Topic, byte[] Payload)>();
        void Pump()
        {
            g.Session.Step();
            Drain(sub, received);
        }

        for (int i = 0; i < 300; i++)
        {
            g.Scan(0.1 + (i % 10) * 0.01);
            g.Clock.Advance(1000);
            Pump();
        }
        WaitUntil(() => { Pump(); return g.Session.Acknowledged >= 5; }, TimeSpan.FromSeconds(15), "first acknowledgements");
        broker.Kill();
        WaitUntil(() => !gw.IsConnected, TimeSpan.FromSeconds(15), "the gateway noticing the broker is gone");
        for (int i = 0; i < 300; i++)
        {
            g.Scan(0.1 + (i % 10) * 0.01);
            g.Clock.Advance(1000);
            g.Session.Step();
        }
        broker.Start();
        // The platform must be subscribed again before the gateway replays (the test checks the gateway, not the platform).
        WaitUntil(() => sub.IsConnected && gw.IsConnected, TimeSpan.FromSeconds(15), "reconnection");
        g.Recorder.Flush();
        WaitUntil(() => { Pump(); return g.Journal.PendingData == 0 && g.Journal.PendingPriority == 0 && g.Session.InFlight == 0; },
            TimeSpan.FromSeconds(60), "the journal to drain");
        long expectedBatches = g.Recorder.BatchesRecorded;
        var data = new Dictionary<(string, long), string>();
        WaitUntil(() =>
        {
            Pump();
            foreach (var m in received.Where(m => Kind(m.Topic) == "data"))
            {
                var e = JsonDocument.Parse(m.Payload).RootElement;
                var key = (e.GetProperty("boot").GetString()!, e.GetProperty("seq").GetInt64());
                string body = Encoding.UTF8.GetString(m.Payload).Replace("{\"hist\":true,", "{");
                if (data.TryGetValue(key, out var prior)) Assert.Equal(prior, body); // a duplicate is the same message
                data[key] = body;
            }
            return data.Count >= expectedBatches;
        }, TimeSpan.FromSeconds(15), "every batch at the platform");
        Assert.Equal(expectedBatches, data.Count);
        long readings = data.Values.Sum(b => (long)JsonDocument.Parse(b).RootElement.GetProperty("r").GetArrayLength());
        Assert.Equal(600L * 16, g.Recorder.ReadingsRecorded);
        Assert.Equal(g.Recorder.ReadingsRecorded, readings);
        Assert.True(received.Count(m => Kind(m.Topic) == "birth") >= 2, "a birth on each connection");
        Assert.Equal(0, g.Journal.Stats.EvictedDataRecords);
    }

    [SkippableFact]
    public async Task MutualTlsAndAcl_GatewayACannotPublishIntoGatewayBsTopics()
    {
        using var pki = new TestPki();
        var users = new Dictionary<string, string> { ["gw-01"] = "pw-a", ["gw-02"] = "pw-b", ["platform"] = "pw-p" };
        string acl = """
            user gw-01
            topic write qinshui/v1/site-1/gw-01/#
            topic read qinshui/v1/site-1/gw-01/cmd

            user gw-02
            topic write qinshui/v1/site-1/gw-02/#
            topic read qinshui/v1/site-1/gw-02/cmd

            user platform
            topic readwrite qinshui/v1/#

            """;
        using var broker = new MosquittoBroker(pki, users, acl);
        MqttLinkOptions Options(string id, string user, string password, bool withCert = true) => new()
        {
            Port = broker.Port, ClientId = id, Username = user, Password = password, ReconnectDelayMs = 200,
            TrustedCa = pki.Ca, ClientCertificate = withCert ? pki.Client(id) : null, TlsTargetHost = "127.0.0.1",
        };
        var subOptions = Options("platform", "platform", "pw-p");
        subOptions.CommandTopic = "qinshui/v1/#";
        subOptions.MaxReceived = 10_000;
        await using var sub = new MqttNetLink(subOptions);
        await using var a = new MqttNetLink(Options("gw-01", "gw-01", "pw-a"));
        sub.Start();
        a.Start();
        WaitUntil(() => sub.IsConnected && a.IsConnected, TimeSpan.FromSeconds(15), "TLS connections: " + a.LastError + " " + sub.LastError);

        byte[] P(string s) => Encoding.UTF8.GetBytes(s);
        Assert.True(a.Publish("qinshui/v1/site-1/gw-01/data", P("own-1"), 0, 5, false) > 0);
        Assert.True(a.Publish("qinshui/v1/site-1/gw-02/data", P("forged"), 0, 6, false) > 0);
        Assert.True(a.Publish("qinshui/v1/site-1/gw-02/state", P("forged"), 0, 6, true) > 0);
        Assert.True(a.Publish("qinshui/v1/site-1/gw-01/data", P("own-2"), 0, 5, false) > 0);
        var received = new List<(string Topic, byte[] Payload)>();
        // Same connection, in order: once own-2 is here, the forged ones would have been too.
        WaitUntil(() => { Drain(sub, received); return received.Any(m => Encoding.UTF8.GetString(m.Payload) == "own-2"); },
            TimeSpan.FromSeconds(15), "gateway A's own messages");
        Assert.Contains(received, m => m.Topic == "qinshui/v1/site-1/gw-01/data" && Encoding.UTF8.GetString(m.Payload) == "own-1");
        Assert.DoesNotContain(received, m => m.Topic.Contains("/gw-02/"));

        // Wrong password, and no client certificate: no connection.
        await using var badPassword = new MqttNetLink(Options("gw-02", "gw-02", "wrong"));
        badPassword.Start();
        WaitUntil(() => badPassword.LastError != null, TimeSpan.FromSeconds(15), "refusal of a wrong password");
        Assert.False(badPassword.IsConnected);
        await using var noCert = new MqttNetLink(Options("gw-02", "gw-02", "pw-b", withCert: false));
        noCert.Start();
        WaitUntil(() => noCert.LastError != null, TimeSpan.FromSeconds(15), "refusal without a client certificate");
        Assert.False(noCert.IsConnected);
    }
}
