using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>Each condition kind takes the permit away in the scan in which it fails, with its cause recorded.</summary>
public class ConditionTests
{
    public static TheoryData<string, ConditionKind> Failures => new()
    {
        { "ch4 at the trip level", ConditionKind.ChannelAboveLimit },
        { "ch4 above the zone's hot-work limit", ConditionKind.ChannelAboveLimit },
        { "ch4 comm fault", ConditionKind.ChannelFault },
        { "ch4 out of range", ConditionKind.ChannelFault },
        { "ch4 calibration overdue", ConditionKind.CalibrationOverdue },
        { "ch4 inhibited", ConditionKind.ChannelInhibited },
        { "nvr contact off", ConditionKind.MonitoringLost },
        { "nvr unreadable", ConditionKind.InputUnreadable },
        { "dp below band", ConditionKind.CollectorPressureOutOfBand },
        { "dp above band", ConditionKind.CollectorPressureOutOfBand },
        { "hopper hot", ConditionKind.HopperTemperatureHigh },
        { "airlock fault", ConditionKind.AirlockFault },
        { "water level low", ConditionKind.WaterLevelLow },
        { "water flow low", ConditionKind.WaterFlowLow },
        { "emergency stop", ConditionKind.EmergencyStop },
        { "enclosure opened", ConditionKind.EnclosureTamper },
        { "sensor unplugged", ConditionKind.SensorUnplugged },
        { "dp channel bad", ConditionKind.ChannelFault },
    };

    private static void Apply(ZoneHarness h, string what)
    {
        switch (what)
        {
            case "ch4 at the trip level": h.Values[ZoneHarness.Ch4] = 1.5; break;
            case "ch4 above the zone's hot-work limit": h.Values[ZoneHarness.Ch4] = 0.5; break;
            case "ch4 comm fault": h.Qualities[ZoneHarness.Ch4] = Quality.CommunicationFault; break;
            case "ch4 out of range": h.Values[ZoneHarness.Ch4] = 9.0; break;
            case "ch4 calibration overdue": h.Qualities[ZoneHarness.Ch4] = Quality.CalibrationOverdue; break;
            case "ch4 inhibited": h.Alarms.Inhibit(ZoneHarness.Ch4, h.Now + 60_000, h.Now); break;
            case "nvr contact off": h.Nvr.Active = false; break;
            case "nvr unreadable": h.Nvr.Readable = false; break;
            case "dp below band": h.Values[ZoneHarness.Dp] = 100; break;
            case "dp above band": h.Values[ZoneHarness.Dp] = 2000; break;
            case "hopper hot": h.Values[ZoneHarness.Hopper] = 70; break;
            case "airlock fault": h.Airlock.Active = true; break;
            case "water level low": h.Values[ZoneHarness.Level] = 150; break;
            case "water flow low": h.Values[ZoneHarness.Flow] = 1; break;
            case "emergency stop": h.EStop.Active = true; break;
            case "enclosure opened": h.Enclosure.Active = true; break;
            case "sensor unplugged": h.Presence.Active = false; break;
            case "dp channel bad": h.Qualities[ZoneHarness.Dp] = Quality.SensorFault; break;
            default: throw new ArgumentException(what);
        }
    }

    [Theory]
    [MemberData(nameof(Failures))]
    public void FailingCondition_TripsZoneInTheSameScan_WithItsCause(string what, ConditionKind expected)
    {
        var h = new ZoneHarness();
        h.BringUp();
        int writesBefore = h.Relay1.Writes;

        Apply(h, what);
        h.Scan(); // the same clock instant: no time passes, exactly one evaluation

        Assert.False(h.Relay1.Energised, what);
        Assert.False(h.Relay2.Energised, what);
        Assert.True(h.Relay1.Writes > writesBefore);
        var st = h.BayState;
        Assert.False(st.Permitted);
        Assert.True(st.Latched);
        Assert.True(st.Has(expected), what + ": " + h.Describe(0));
        var tripped = h.Journal.OfKind("zone_tripped").Last();
        Assert.Contains(tripped.GetProperty("causes").EnumerateArray(), c => c.GetProperty("condition").GetString() == Conditions.Code(expected));
        // The other zone is untouched (unless wired to the same E-stop).
        Assert.Equal(what != "emergency stop", h.Relay3.Energised);
    }

    [Fact]
    public void HotWorkLimit_CauseCarriesValueThresholdAndStandard()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4] = 0.7;
        h.Scan();
        var cause = h.Journal.OfKind("zone_tripped").Last().GetProperty("causes").EnumerateArray()
            .Single(c => c.GetProperty("condition").GetString() == "channel_above_limit");
        Assert.Equal("ch4", cause.GetProperty("subject").GetString());
        Assert.Equal(0.7, cause.GetProperty("value").GetDouble(), 6);
        Assert.Equal(0.5, cause.GetProperty("threshold").GetDouble(), 6);
        Assert.Equal("%vol", cause.GetProperty("unit").GetString());
        Assert.Contains("煤矿安全规程", cause.GetProperty("standard").GetString());
    }

    [Fact]
    public void StaleChannel_TripsInTheScanItsAgeExceedsTheLimit()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Feeding[ZoneHarness.Ch4] = false;
        h.Run(30_000); // age exactly 30 s: still fresh
        Assert.True(h.BayState.Permitted, h.Describe(0));
        h.Run(1000);
        Assert.False(h.Relay1.Energised);
        Assert.True(h.BayState.Has(ConditionKind.ChannelStale));
    }

    [Fact]
    public void StaleChannel_IsCaughtEvenWhenTheAlarmEngineWasNotTicked()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Clock.Advance(1500);
        h.Engine.Evaluate(h.Now); // keeps scanning without new data
        h.Clock.Advance(1500);
        h.Engine.NotifyMonitoringHeartbeat(0, h.Now);
        for (int i = 0; i < 20; i++)
        {
            h.Clock.Advance(1500);
            h.Engine.NotifyMonitoringHeartbeat(0, h.Now);
            h.Engine.NotifyPlatformLinkAlive(h.Now);
            h.Engine.Evaluate(h.Now);
        }
        Assert.False(h.Relay1.Energised);
        Assert.True(h.BayState.Has(ConditionKind.ChannelStale), h.Describe(0));
    }

    [Fact]
    public void HeartbeatTimeout_IsLossOfMonitoring()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Heartbeats = false;
        h.Run(10_000);
        Assert.True(h.BayState.Permitted);
        h.Run(1000);
        Assert.False(h.Relay1.Energised);
        Assert.True(h.BayState.Has(ConditionKind.MonitoringLost));
    }

    [Fact]
    public void PlatformLinkLost_BeyondGrace_TripsOnlyZonesThatRequireIt()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.LinkAlive = false;
        h.Run(30_000);
        Assert.True(h.BayState.Permitted);
        h.Run(1000);
        Assert.False(h.Relay1.Energised);
        Assert.True(h.BayState.Has(ConditionKind.PlatformLinkLost));
        Assert.True(h.Relay3.Energised); // line2: link not supervised
        Assert.True(h.Engine.IsPlatformLinkSupervised(0));
        Assert.False(h.Engine.IsPlatformLinkSupervised(1));
    }

    [Fact]
    public void LatchedTripLevel_KeepsZoneOff_AndTheZoneResetClearsIt()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4Line2] = 1.6; // line2 permits below Trip (1.5)
        h.Scan();
        Assert.False(h.Relay3.Energised);
        h.Values[ZoneHarness.Ch4Line2] = 0.3;
        h.Run(71_000); // the mine clear hold (10 s, issue 13 #5), then the zone's settle time
        Assert.True(h.Engine.State(1).Has(ConditionKind.ChannelTripLatched));
        Assert.False(h.Relay3.Energised);
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(1));
        Assert.True(h.Relay3.Energised);
        Assert.False(h.Alarms.IsLatched(ZoneHarness.Ch4Line2, 1));
    }

    [Fact]
    public void AlarmLevelBelowPermitLevel_DoesNotTrip()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Values[ZoneHarness.Ch4Line2] = 1.2; // alarm level (1.0) active, trip level (1.5) not
        h.Run(2000);
        Assert.True(h.Relay3.Energised);
    }

    [Fact]
    public void EmergencyStop_TripsEveryZoneWiredToIt()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.EStop.Active = true;
        h.Scan();
        Assert.False(h.Relay1.Energised || h.Relay2.Energised || h.Relay3.Energised);
        Assert.True(h.Engine.State(1).Has(ConditionKind.EmergencyStop));
    }

    [Fact]
    public void WorkAuthorisationNotRequired_IsNotAsked()
    {
        var h = new ZoneHarness(c => c.Zones[0].RequiresWorkAuthorisation = false);
        h.Authorisation.Authorised = false;
        h.BringUp();
        Assert.True(h.Relay1.Energised);
    }

    [Fact]
    public void AuthorisationRevoked_StandsByInTheSameScan_WithoutLatching()
    {
        // Work authorisation is a demand, not a fault (gateway runtime, main ddcc03b): outputs off
        // at once, and back with the next authorised job without a reset.
        var h = new ZoneHarness();
        h.BringUp();
        h.Authorisation.Authorised = false;
        h.Scan();
        Assert.False(h.Relay1.Energised || h.Relay2.Energised);
        Assert.True(h.BayState.Has(ConditionKind.WorkNotAuthorised));
        Assert.False(h.BayState.Latched);
        Assert.Equal(ProofTestOutcome.NotPermitted, h.Engine.StartProofTest(0));
        h.Run(5000);
        h.Authorisation.Authorised = true;
        h.Scan();
        Assert.True(h.Relay1.Energised && h.Relay2.Energised);
    }

    [Fact]
    public void WorkAuthorisationRequired_WithoutProvider_IsNeverAuthorised()
    {
        var h = new ZoneHarness();
        var engine = new ZoneEngine(h.Config, h.Alarms, h.Outputs, h.Inputs, h.Clock, h.Events, null);
        for (int i = 0; i < 70; i++)
        {
            h.Clock.Advance(1000);
            h.Feed();
            engine.NotifyMonitoringHeartbeat(0, h.Now);
            engine.NotifyPlatformLinkAlive(h.Now);
            engine.Evaluate(h.Now);
        }
        // Authorisation is a demand, not a fault: the reset is accepted (everything else holds),
        // but without a provider the zone stands by with its outputs off.
        Assert.Equal(ZoneResetOutcome.Accepted, engine.RequestLocalReset(0));
        engine.Evaluate(h.Now);
        Assert.True(engine.State(0).Has(ConditionKind.WorkNotAuthorised));
        Assert.False(h.Relay1.Energised);
        Assert.False(h.Relay2.Energised);
    }

    [Fact]
    public void AuthorisationRevoked_DropsOutputsInTheSameScan_WithoutLatching()
    {
        var h = new ZoneHarness();
        h.BringUp();
        Assert.True(h.Relay1.Energised);
        h.Authorisation.Authorised = false;
        h.Scan();
        Assert.False(h.Relay1.Energised);
        Assert.False(h.Relay2.Energised);
        Assert.True(h.BayState.Has(ConditionKind.WorkNotAuthorised));
        Assert.False(h.BayState.Latched);
        // The next authorised job needs no reset and no settle time.
        h.Authorisation.Authorised = true;
        h.Scan();
        Assert.True(h.Relay1.Energised);
    }
}
