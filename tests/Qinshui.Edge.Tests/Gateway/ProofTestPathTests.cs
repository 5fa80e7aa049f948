using System.Text.Json;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Mqtt;

namespace Qinshui.Edge.Tests.Gateway;

/// <summary>
/// AQ 1029-2019: the methane power cut is proven every 15 days. These drive the proof test
/// through the whole gateway: a signed proof_test command (or a local start) → the zone's trip
/// path → the relay → its feedback contact → chained events and the health message.
/// </summary>
public class ProofTestPathTests
{
    private const string CmdTopic = "qinshui/v1/qinshui-mine-3/gw-01/cmd";

    /// <summary>The fixture's bay without welding: the zone is on once reset, with no work authorisation needed.</summary>
    private static readonly string PlainBay = GatewayFixture.ConfigJson
        .Replace("\"requiresWorkAuthorisation\": true, ", "")
        .Replace("\"monitoringInput\": \"nvr-1\", ", "");

    private static GatewayFixture PermittedBay()
    {
        var f = new GatewayFixture(PlainBay);
        f.SetMethane(0.10);
        f.Run(12_000);
        Assert.Equal(ZoneResetOutcome.Accepted, f.Runtime.Zones.RequestLocalReset(0));
        f.Run(100);
        Assert.True(f.BayPower.Energised);
        return f;
    }

    private static void Send(GatewayFixture f, string cmd, string args, long ctr)
    {
        string body = CommandSigner.Body(cmd, args, ctr, f.Clock.UtcMs + 60_000, id: "c-" + ctr);
        f.Mqtt.Inject(CmdTopic, CommandSigner.Sign(body, GatewayFixture.Key));
    }

    private static JsonElement Reply(GatewayFixture f, string id)
    {
        var sent = f.Mqtt.Published.Last(p => p.Kind == "reply" && p.Text.Contains("\"" + id + "\""));
        return JsonDocument.Parse(sent.Text).RootElement;
    }

    private static List<JsonElement> Events(GatewayFixture f, string type) =>
        f.Mqtt.Published.Where(p => p.Kind == "event").Select(p => JsonDocument.Parse(p.Text).RootElement)
            .Where(e => e.TryGetProperty("kind", out var k) && k.GetString() == type).ToList();

    private static JsonElement LastHealth(GatewayFixture f) =>
        JsonDocument.Parse(f.Mqtt.Published.Last(p => p.Kind == "health").Text).RootElement;

    [Fact]
    public void ProofTestCommand_CutsTheBay_FeedbackConfirms_PassedIsAChainedEvent()
    {
        var f = PermittedBay();
        Send(f, "proof_test", "{\"zone\":\"weld-bay-1\"}", 1);
        f.Run(500);
        var reply = Reply(f, "c-1");
        Assert.True(reply.GetProperty("ok").GetBoolean(), reply.ToString());
        Assert.False(f.BayPower.Energised);
        Assert.Single(Events(f, "proof_test_started"));
        var passed = Assert.Single(Events(f, "proof_test_passed"));
        Assert.True(passed.GetProperty("proofTest").GetProperty("passed").GetBoolean());
        // Chained: the passed event's prev is the hash of the event journalled before it.
        var chain = f.Mqtt.Published.Where(p => p.Kind == "event").Select(p => JsonDocument.Parse(p.Text).RootElement)
            .Where(e => e.TryGetProperty("hash", out _)).ToList();
        int at = chain.FindIndex(e => e.GetProperty("kind").GetString() == "proof_test_passed");
        Assert.True(chain.FindIndex(e => e.GetProperty("kind").GetString() == "proof_test_started") < at);
        Assert.Equal(chain[at - 1].GetProperty("hash").GetString(), chain[at].GetProperty("prev").GetString());
        Assert.False(f.Runtime.Zones.IsProofTestOverdue(0));
    }

    [Fact]
    public void ProofTestCommand_WeldedContact_FailsAndTheOutputStaysOff()
    {
        var f = PermittedBay();
        f.BayPower.Fault = RelayFault.Welded;
        Send(f, "proof_test", "{\"zone\":\"weld-bay-1\"}", 1);
        f.Run(3_000);
        Assert.Single(Events(f, "proof_test_failed"));
        Assert.Empty(Events(f, "proof_test_passed"));
        Assert.False(f.BayPower.Energised);
        Assert.True(f.Runtime.Zones.IsProofTestOverdue(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AfterAProofTest_PassedOrFailed_NothingButALocalResetPutsPowerBack(bool welded)
    {
        var f = PermittedBay();
        if (welded) f.BayPower.Fault = RelayFault.Welded;
        Assert.Equal(ProofTestOutcome.Accepted, f.Runtime.ProofTests.StartLocal("weld-bay-1"));
        // While it runs, neither reset is taken.
        Assert.Equal(ZoneResetOutcome.ProofTestRunning, f.Runtime.Zones.RequestLocalReset(0));
        Send(f, "reset_zone", "{\"zone\":\"weld-bay-1\"}", 1);
        f.Run(70_000);
        Assert.False(f.BayPower.Energised);
        Assert.False(Reply(f, "c-1").GetProperty("ok").GetBoolean());
        Send(f, "reset_zone", "{\"zone\":\"weld-bay-1\"}", 2);
        f.Run(1_000);
        Assert.False(Reply(f, "c-2").GetProperty("ok").GetBoolean());
        Assert.False(f.BayPower.Energised);
    }

    [Fact]
    public void ProofTestCommand_RefusedWithAReason_WhenTheZoneIsOff_OrUnknown_OrArgsMissing()
    {
        var f = new GatewayFixture(PlainBay);
        f.SetMethane(0.10);
        f.Run(2_000); // latched since boot: not permitted
        Send(f, "proof_test", "{\"zone\":\"weld-bay-1\"}", 1);
        Send(f, "proof_test", "{\"zone\":\"nowhere\"}", 2);
        Send(f, "proof_test", "{}", 3);
        f.Run(500);
        Assert.Equal("not_permitted", Reply(f, "c-1").GetProperty("code").GetString());
        Assert.Equal("unknown_zone", Reply(f, "c-2").GetProperty("code").GetString());
        Assert.Equal("bad_args", Reply(f, "c-3").GetProperty("code").GetString());
        Assert.Contains("拒绝", Reply(f, "c-1").GetProperty("zh").GetString());
        Assert.Single(Events(f, "proof_test_refused"));
    }

    [Fact]
    public void Health_ListsTheOverdueZone_UntilAProofTestPasses()
    {
        var f = PermittedBay();
        f.Run(61_000);
        var before = LastHealth(f).GetProperty("proof_test_overdue");
        Assert.Equal("weld-bay-1", Assert.Single(before.EnumerateArray()).GetString());
        Assert.Equal(ProofTestOutcome.Accepted, f.Runtime.ProofTests.StartLocal("weld-bay-1"));
        f.Run(61_000);
        Assert.Empty(LastHealth(f).GetProperty("proof_test_overdue").EnumerateArray());
        Assert.Equal(0, f.Runtime.Health.ProofTestsOverdue);
    }
}
