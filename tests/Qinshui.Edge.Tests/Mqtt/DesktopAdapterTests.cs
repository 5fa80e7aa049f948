using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Tests.Fakes;
using JournalStore = Qinshui.Edge.Core.Journal.Journal;

namespace Qinshui.Edge.Tests.Mqtt;

public class DesktopAdapterTests
{
    [Fact]
    public void PlatformSha256_AgreesWithThePortableOne_AndHmacWithSystemCryptography()
    {
        var rng = new Random(11);
        using var platform = new PlatformSha256();
        var portable = new Sha256();
        var a = new byte[32];
        var b = new byte[32];
        for (int i = 0; i < 300; i++)
        {
            var data = new byte[rng.Next(0, 700)];
            rng.NextBytes(data);
            platform.Reset();
            portable.Reset();
            int split = data.Length == 0 ? 0 : rng.Next(data.Length);
            platform.Update(data, 0, split);
            platform.Update(data, split, data.Length - split);
            portable.Update(data, 0, data.Length);
            platform.Final(a, 0);
            portable.Final(b, 0);
            Assert.Equal(SHA256.HashData(data), a);
            Assert.Equal(a, b);
            var key = new byte[rng.Next(1, 100)];
            rng.NextBytes(key);
            var hmac = new HmacSha256(key, new PlatformSha256(), new PlatformSha256());
            hmac.Compute(data, 0, data.Length, a, 0);
            Assert.Equal(HMACSHA256.HashData(key, data), a);
        }
    }

    [Fact]
    public void FileRecordStore_KeepsTheJournalAcrossReopening()
    {
        string path = Path.Combine(Path.GetTempPath(), "qedge-journal-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            using (var store = new FileRecordStore(path, 8, 1024))
            {
                var j = new JournalStore(store);
                for (int i = 0; i < 20; i++) Assert.True(j.Append(RecordClass.Data, Encoding.ASCII.GetBytes("rec-" + i), 0, 4 + i.ToString().Length));
                var buf = new byte[j.MaxPayloadLength];
                Assert.True(j.TryReadNext(false, buf, 0, out var e));
                Assert.True(j.Acknowledge(e));
            }
            using (var store = new FileRecordStore(path, 8, 1024))
            {
                var j = new JournalStore(store);
                Assert.Equal(19, j.PendingData);
                var buf = new byte[j.MaxPayloadLength];
                Assert.True(j.TryReadNext(false, buf, 0, out var e));
                Assert.Equal("rec-1", Encoding.ASCII.GetString(buf, 0, e.PayloadLength));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task EmbeddedBroker_CarriesAGatewaySessionEndToEnd()
    {
        await using var broker = await EmbeddedBroker.StartAsync(Peers.FreeTcpPort());
        var topics = new MqttTopics("site-1", "gw-01");
        await using var sub = new MqttNetLink(new MqttLinkOptions { Port = broker.Port, ClientId = "platform", CommandTopic = "qinshui/v1/#", MaxReceived = 10_000 });
        await using var gw = new MqttNetLink(new MqttLinkOptions { Port = broker.Port, ClientId = "gw-01", CommandTopic = topics.Topic(MessageKind.Cmd) });
        var g = new GatewayHarness(link: gw);
        sub.Start();
        gw.Start();
        var sw = Stopwatch.StartNew();
        while (!(sub.IsConnected && gw.IsConnected) && sw.Elapsed < TimeSpan.FromSeconds(15)) Thread.Sleep(5);
        Assert.True(gw.IsConnected, gw.LastError);
        for (int i = 0; i < 30; i++)
        {
            g.Scan(0.1);
            g.Clock.Advance(1000);
        }
        g.Recorder.Flush();
        // A command from the platform, answered on reply.
        byte[] cmd = CommandSigner.Sign(CommandSigner.Body("rebirth", "{}", 1, g.Exp()));
        Assert.True(sub.Publish(topics.Topic(MessageKind.Cmd), cmd, 0, cmd.Length, false) > 0);
        var kinds = new List<string>();
        var topic = new byte[256];
        var payload = new byte[65536];
        sw.Restart();
        while (sw.Elapsed < TimeSpan.FromSeconds(15) && !(kinds.Contains("reply") && g.Journal.PendingData == 0 && kinds.Count(k => k == "birth") >= 2))
        {
            g.Session.Step();
            while (sub.TryReceive(topic, out int tl, payload, out _))
            {
                string t = Encoding.UTF8.GetString(topic, 0, tl);
                if (!t.EndsWith("/cmd", StringComparison.Ordinal)) kinds.Add(t[(t.LastIndexOf('/') + 1)..]);
            }
            Thread.Sleep(2);
        }
        Assert.Contains("reply", kinds);
        Assert.Equal(0, g.Journal.PendingData);
        Assert.Equal("state", kinds[0]);
        Assert.Equal("birth", kinds[1]);
        Assert.True(kinds.Count(k => k == "birth") >= 2);
    }
}
