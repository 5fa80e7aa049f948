using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// The device's MQTT link life (issue 14): the client is re-created on every attempt (DNS resolved
/// again), no failure escapes Maintain, failures back off and are counted by kind for health.
/// </summary>
public class LinkLifecycleTests
{
    [Fact]
    public void NoDns_CountsADnsFailure_BacksOff_AndResolvesAgainOnTheNextAttempt()
    {
        var broker = new FakeBrokerSession { CreateThrows = new Exception("host not found") };
        var link = new LinkLifecycle(broker, new LinkHealth());
        Assert.False(link.Maintain(0, networkUp: true));
        Assert.Equal(1, link.Health.DnsFailures);
        Assert.Equal(LinkFailure.Dns, link.Health.LastFailure);
        Assert.False(link.Maintain(999, true));
        Assert.Equal(1, broker.Creates);
        broker.CreateThrows = null;
        Assert.True(link.Maintain(1000, true));
        Assert.Equal(2, broker.Creates);
        Assert.Equal(1, link.Health.Connects);
    }

    [Fact]
    public void EveryAttempt_DropsTheOldClient_AndCreatesANewOne()
    {
        var broker = new FakeBrokerSession { ConnectThrows = new Exception("connection reset") };
        var link = new LinkLifecycle(broker, new LinkHealth());
        long now = 0;
        for (int i = 0; i < 5; i++) { link.Maintain(now, true); now = link.NextAttemptMs; }
        Assert.Equal(5, broker.Creates);
        Assert.True(broker.Drops >= 5);
        Assert.Equal(5, link.Health.OtherFailures);
    }

    [Fact]
    public void Backoff_DoublesFromOneSecondToSixtySeconds_AndResetsOnSuccess()
    {
        var broker = new FakeBrokerSession { ConnectReason = 5 };
        var link = new LinkLifecycle(broker, new LinkHealth());
        var waits = new List<long>();
        long now = 0;
        for (int i = 0; i < 8; i++) { link.Maintain(now, true); waits.Add(link.NextAttemptMs - now); now = link.NextAttemptMs; }
        Assert.Equal(new long[] { 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000 }, waits);
        Assert.Equal(8, link.Health.Refusals);
        Assert.Equal(5, link.Health.LastReasonCode);
        broker.ConnectReason = 0;
        Assert.True(link.Maintain(now, true));
        Assert.Equal(LinkLifecycle.MinBackoffMs, link.BackoffMs);
    }

    [Fact]
    public void NoNetwork_NeverTouchesTheClient_AndIsCounted()
    {
        var broker = new FakeBrokerSession();
        var link = new LinkLifecycle(broker, new LinkHealth());
        Assert.False(link.Maintain(0, networkUp: false));
        Assert.Equal(0, broker.Creates);
        Assert.Equal(1, link.Health.NoNetwork);
        Assert.Equal(LinkFailure.NoNetwork, link.Health.LastFailure);
    }

    [Fact]
    public void ATlsFailure_IsClassifiedAsTls()
    {
        var broker = new FakeBrokerSession { ConnectThrows = new System.Security.Authentication.AuthenticationException("handshake failed") };
        var link = new LinkLifecycle(broker, new LinkHealth());
        link.Maintain(0, true);
        Assert.Equal(1, link.Health.TlsFailures);
        Assert.Equal(LinkFailure.Tls, link.Health.LastFailure);
    }

    [Fact]
    public void NothingEscapesMaintain_EvenWhenDropAndIsConnectedThrow()
    {
        var broker = new FakeBrokerSession { ConnectThrows = new InvalidOperationException("x"), DropThrows = true, IsConnectedThrows = true };
        var link = new LinkLifecycle(broker, new LinkHealth());
        long now = 0;
        for (int i = 0; i < 20; i++) { link.Maintain(now, true); now += 60000; }
        Assert.Equal(20, link.Health.Attempts);
    }

    [Fact]
    public void HealthMessage_CarriesTheLinkHistory_OnceTheLinkIsUp()
    {
        var health = new LinkHealth();
        var broker = new FakeBrokerSession { CreateThrows = new Exception("dns") };
        var link = new LinkLifecycle(broker, health);
        link.Maintain(0, false);
        link.Maintain(1000, true);
        broker.CreateThrows = null;
        Assert.True(link.Maintain(3000, true));
        var buffer = new byte[512];
        var w = new JsonWriter(buffer);
        w.StartObject();
        health.Write(w);
        w.EndObject();
        string json = System.Text.Encoding.UTF8.GetString(buffer, w.Offset, w.Length);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var l = doc.RootElement.GetProperty("link");
        Assert.Equal(3, l.GetProperty("attempts").GetInt64());
        Assert.Equal(1, l.GetProperty("no_network").GetInt64());
        Assert.Equal(1, l.GetProperty("dns").GetInt64());
        Assert.Equal("dns", l.GetProperty("last_failure").GetString());
    }
}
