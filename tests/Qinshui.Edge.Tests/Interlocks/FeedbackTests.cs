using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>Output feedback, welded contacts, bypass and tamper: each is detected, recorded, and latches the zone.</summary>
public class FeedbackTests
{
    [Fact]
    public void OutputCommandedOnWithoutFeedback_IsOutputFailed_AndTrips()
    {
        var h = new ZoneHarness { StepMs = 250 };
        h.Scan();
        h.Run(61_000);
        h.Relay2.Fault = RelayFault.StuckOff;
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
        Assert.True(h.Relay2.Energised);
        h.Run(250);
        Assert.True(h.BayState.Permitted); // within the 500 ms settle time
        h.Run(250);
        Assert.False(h.Relay1.Energised || h.Relay2.Energised);
        Assert.True(h.BayState.HasLatched(ConditionKind.OutputFailed));
        var fault = h.Journal.OfKind("fault").Last();
        Assert.Equal("output_failed", fault.GetProperty("reason").GetString());
        Assert.Equal("relay2", fault.GetProperty("causes")[0].GetProperty("subject").GetString());
    }

    [Fact]
    public void FeedbackPresentWhileOff_IsWeldedContact_AndBlocksReset()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Relay1.Fault = RelayFault.Welded;
        h.Engine.RequestTrip(0, "test");
        h.Run(1000);
        Assert.True(h.BayState.Has(ConditionKind.WeldedContact));
        Assert.Equal("welded_contact", h.Journal.OfKind("fault").Last().GetProperty("reason").GetString());
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.CausePersists, h.Engine.RequestLocalReset(0));
        h.Relay1.Fault = RelayFault.None;
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
    }

    [Fact]
    public void ArcCurrentWhilePermissiveOff_IsBypassSuspected()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Engine.RequestTrip(0, "test");
        h.Run(1000);
        h.Values[ZoneHarness.Arc] = 120; // the welder strikes an arc with the machine locked
        h.Run(1000);
        var e = h.Journal.OfKind("bypass_suspected").Single();
        var cause = e.GetProperty("causes")[0];
        Assert.Equal("relay1", cause.GetProperty("subject").GetString());
        Assert.Equal(120, cause.GetProperty("value").GetDouble());
        Assert.Equal(5, cause.GetProperty("threshold").GetDouble());
        Assert.Contains(e.GetProperty("snapshot").EnumerateArray(), s => s.GetProperty("channel").GetString() == "arc");
        Assert.True(h.BayState.HasLatched(ConditionKind.BypassSuspected));
    }

    [Fact]
    public void CurrentRelayActiveWhilePermissiveOff_IsBypassSuspected()
    {
        var h = new ZoneHarness();
        h.Scan();
        h.LoadSense.Active = true; // at boot, before any reset: someone bridged the relay
        h.Run(1000);
        Assert.Single(h.Journal.OfKind("bypass_suspected"));
        h.Run(60_000);
        Assert.Equal(ZoneResetOutcome.CausePersists, h.Engine.RequestLocalReset(0));
    }

    [Fact]
    public void ArcCurrentWhilePermitted_IsNormalWork()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Arc] = 150;
        h.Run(5000);
        Assert.True(h.Relay1.Energised);
        Assert.Empty(h.Journal.OfKind("bypass_suspected"));
    }

    [Fact]
    public void EnclosureOpened_IsATamperEvent()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Enclosure.Active = true;
        h.Scan();
        var e = h.Journal.OfKind("tamper").Single();
        Assert.Equal("enclosure_tamper", e.GetProperty("reason").GetString());
        Assert.Contains("关闭、破坏监控报警设备", e.GetProperty("causes")[0].GetProperty("standard").GetString());
    }

    [Fact]
    public void SensorUnplugged_IsATamperEvent()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Presence.Active = false;
        h.Scan();
        Assert.Equal("sensor_unplugged", h.Journal.OfKind("tamper").Single().GetProperty("reason").GetString());
        Assert.False(h.Relay1.Energised);
    }

    [Fact]
    public void ConfigChangedLocally_TripsEveryZone_WithATamperEvent()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Engine.NotifyConfigChangedLocally();
        Assert.False(h.Relay1.Energised || h.Relay3.Energised);
        Assert.Equal(2, h.Journal.OfKind("tamper").Count(e => e.GetProperty("reason").GetString() == "config_changed_locally"));
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.LocalResetRequired, h.Engine.RequestRemoteReset(0));
    }

    [Fact]
    public void UnreadableFeedback_IsAFault()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Relay1.Feedback.Readable = false;
        h.Scan();
        Assert.False(h.Relay1.Energised);
        Assert.Equal("input_unreadable", h.Journal.OfKind("fault").Single().GetProperty("reason").GetString());
    }

    [Fact]
    public void BadLoadCurrentReading_IsAFault_NotAValue()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Qualities[ZoneHarness.Arc] = Quality.CommunicationFault;
        h.Scan();
        Assert.False(h.Relay1.Energised);
        Assert.True(h.BayState.Has(ConditionKind.ChannelFault));
    }
}
