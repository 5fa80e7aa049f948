using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>Trips latch; a zone returns only after every cause cleared, settled, and a permitted reset. Each refusal has its reason.</summary>
public class ResetTests
{
    private static string LastRefusal(ZoneHarness h) =>
        h.Journal.OfKind("reset_refused").Last().GetProperty("reason").GetString()!;

    [Fact]
    public void Boot_OutputsOff_AndLatchedUntilReset()
    {
        var h = new ZoneHarness();
        Assert.True(h.Relay1.Writes > 0 && !h.Relay1.Energised); // written off in the constructor
        h.Scan();
        Assert.True(h.BayState.HasLatched(ConditionKind.Boot));
        h.Run(120_000);
        Assert.False(h.Relay1.Energised);
        Assert.Contains(h.Journal.OfKind("zone_tripped"), e => e.GetProperty("reason").GetString() == "boot");
    }

    [Fact]
    public void TripLatches_EvenAfterTheCauseClears()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Nvr.Active = false;
        h.Scan();
        h.Nvr.Active = true;
        h.Run(600_000);
        Assert.False(h.Relay1.Energised);
        Assert.True(h.BayState.Latched);
    }

    [Fact]
    public void Refused_WhileCausePersists_ListingTheCause()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4] = 0.8;
        h.Run(70_000);
        Assert.Equal(ZoneResetOutcome.CausePersists, h.Engine.RequestLocalReset(0));
        Assert.Equal("cause_persists", LastRefusal(h));
        var refused = h.Journal.OfKind("reset_refused").Last();
        Assert.Contains(refused.GetProperty("causes").EnumerateArray(), c => c.GetProperty("condition").GetString() == "channel_above_limit");
        Assert.False(string.IsNullOrEmpty(refused.GetProperty("refusalZh").GetString()));
        Assert.False(h.Relay1.Energised);
    }

    [Fact]
    public void Refused_UntilCausesHaveBeenClearForTheSettleTime()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4] = 0.8;
        h.Scan();
        h.Values[ZoneHarness.Ch4] = 0.3;
        h.Run(59_000);
        Assert.Equal(ZoneResetOutcome.SettleTimeRunning, h.Engine.RequestLocalReset(0));
        Assert.Equal("settle_time_running", LastRefusal(h));
        Assert.False(h.Relay1.Energised);
        h.Run(2000);
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
        Assert.True(h.Relay1.Energised);
        Assert.Equal(2, h.Journal.OfKind("zone_permitted").Count(e => e.GetProperty("subject").GetString() == "bay"));
    }

    [Fact]
    public void CauseReturningDuringSettle_RestartsTheSettleTime()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4] = 0.8;
        h.Scan();
        h.Values[ZoneHarness.Ch4] = 0.3;
        h.Run(50_000);
        h.Values[ZoneHarness.Ch4] = 0.6;
        h.Run(1000);
        h.Values[ZoneHarness.Ch4] = 0.3;
        h.Run(30_000);
        Assert.Equal(ZoneResetOutcome.SettleTimeRunning, h.Engine.RequestLocalReset(0));
        h.Run(31_000);
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
    }

    [Fact]
    public void Refused_WhenNothingIsTripped()
    {
        var h = new ZoneHarness();
        h.BringUp();
        Assert.Equal(ZoneResetOutcome.NothingToReset, h.Engine.RequestLocalReset(0));
        Assert.Equal("nothing_to_reset", LastRefusal(h));
    }

    [Fact]
    public void RemoteReset_RefusedWhereTheZoneDoesNotAllowIt()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Engine.RequestTrip(1, "platform");
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.RemoteResetNotAllowed, h.Engine.RequestRemoteReset(1));
        Assert.Equal("remote_reset_not_allowed", LastRefusal(h));
        Assert.False(h.Relay3.Energised);
    }

    [Fact]
    public void RemoteReset_AcceptedWhereAllowed_OnlyAfterTheCausesCleared()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4] = 0.8;
        h.Scan();
        Assert.Equal(ZoneResetOutcome.CausePersists, h.Engine.RequestRemoteReset(0));
        h.Values[ZoneHarness.Ch4] = 0.2;
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestRemoteReset(0));
        Assert.True(h.Relay1.Energised);
        Assert.Equal("remote", h.Journal.OfKind("reset_accepted").Last().GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("estop")]
    [InlineData("enclosure")]
    [InlineData("bypass")]
    public void RemoteReset_RefusedAfterTripsThatNeedSomeoneOnSite(string what)
    {
        var h = new ZoneHarness();
        h.BringUp();
        switch (what)
        {
            case "estop": h.EStop.Active = true; break;
            case "enclosure": h.Enclosure.Active = true; break;
            case "bypass": h.Engine.RequestTrip(0, "test"); h.Run(1000); h.LoadSense.Active = true; break;
        }
        h.Run(1000);
        h.EStop.Active = false;
        h.Enclosure.Active = false;
        h.LoadSense.Active = false;
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.LocalResetRequired, h.Engine.RequestRemoteReset(0));
        Assert.Equal("local_reset_required", LastRefusal(h));
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
    }

    [Fact]
    public void Refused_WhileAProofTestRuns()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Relay1.Fault = RelayFault.Welded;
        Assert.Equal(ProofTestOutcome.Accepted, h.Engine.StartProofTest(0));
        Assert.Equal(ZoneResetOutcome.ProofTestRunning, h.Engine.RequestLocalReset(0));
        Assert.Equal("proof_test_running", LastRefusal(h));
    }

    [Fact]
    public void UnknownZone_IsRefused()
    {
        var h = new ZoneHarness();
        Assert.Equal(ZoneResetOutcome.UnknownZone, h.Engine.RequestLocalReset(5));
        Assert.Equal(ZoneResetOutcome.UnknownZone, h.Engine.RequestRemoteReset(-1));
    }

    [Fact]
    public void RemoteTrip_IsAlwaysAccepted_AndOutputsDropAtOnce()
    {
        var h = new ZoneHarness();
        h.BringUp();
        Assert.True(h.Engine.RequestTrip(-1, "county platform: evacuation"));
        Assert.False(h.Relay1.Energised || h.Relay2.Energised || h.Relay3.Energised); // before the next scan
        var e = h.Journal.OfKind("zone_tripped").Last();
        Assert.Equal("remote_trip", e.GetProperty("reason").GetString());
        Assert.Equal("county platform: evacuation", e.GetProperty("causes")[0].GetProperty("subject").GetString());
        Assert.False(h.Engine.RequestTrip(9, "x"));
    }

    [Fact]
    public void EveryResetRequest_IsRecordedAsRequestedThenRefusedOrAccepted()
    {
        var h = new ZoneHarness();
        h.Scan();
        h.Engine.RequestLocalReset(0);
        h.Run(61_000);
        h.Engine.RequestLocalReset(0);
        var kinds = h.Journal.Events.Where(e => e.GetProperty("subject").GetString() == "bay")
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(new[] { "zone_tripped", "reset_requested", "reset_refused", "reset_requested", "reset_accepted", "zone_permitted" }, kinds);
    }
}
