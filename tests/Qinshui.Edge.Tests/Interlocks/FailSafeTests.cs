using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>De-energise to trip: invalid configuration, an exception in the scan, a missed deadline.</summary>
public class FailSafeTests
{
    [Fact]
    public void InvalidConfig_KeepsEveryOutputOff_AndRefusesEverything()
    {
        var h = new ZoneHarness(c => c.Zones[0].OutputIds = new[] { "relay1", "nope" });
        Assert.False(h.Engine.IsConfigValid);
        Assert.Contains(Enumerable.Range(0, h.Engine.ConfigErrors.Count).Select(i => h.Engine.ConfigErrors[i]),
            e => e.Path == "interlocks.zones[0].outputIds[1]" && e.Code == "unknown_output");
        h.Run(120_000);
        Assert.False(h.Relay1.Energised || h.Relay2.Energised || h.Relay3.Energised);
        Assert.True(h.Relay1.Writes > 100); // re-asserted off every scan
        Assert.Equal(ZoneResetOutcome.ConfigInvalid, h.Engine.RequestLocalReset(0));
        Assert.Equal(ProofTestOutcome.ConfigInvalid, h.Engine.StartProofTest(0));
        var e = h.Journal.OfKind("config_invalid").Single();
        Assert.Equal("interlocks.zones[0].outputIds[1]", e.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void MissingConfig_KeepsOutputsOff_AndNothingThrows()
    {
        var h = new ZoneHarness();
        h.Relay1.Write(true);
        var engine = new ZoneEngine(null!, h.Alarms, h.Outputs, h.Inputs, h.Clock, h.Events, null);
        Assert.False(h.Relay1.Energised);
        engine.Evaluate(h.Now);
        engine.NotifySupervisorDeadlineMissed();
        engine.NotifyConfigChangedLocally();
        Assert.False(engine.RequestTrip(0, "x"));
        Assert.Equal(ZoneResetOutcome.ConfigInvalid, engine.RequestLocalReset(0));
        Assert.False(h.Relay1.Energised || h.Relay2.Energised || h.Relay3.Energised);
        Assert.Contains(engine.Describe(), l => l.Contains("not configured"));
    }

    [Fact]
    public void PortCountMismatch_IsInvalidConfig()
    {
        var h = new ZoneHarness();
        var engine = new ZoneEngine(h.Config, h.Alarms, h.Outputs.Take(2).ToArray(), h.Inputs, h.Clock, h.Events, h.Authorisation);
        Assert.False(engine.IsConfigValid);
        Assert.True(engine.ConfigErrors.Contains("port_count_mismatch"));
    }

    [Fact]
    public void ExceptionInTheScan_DropsEveryOutput_AndLatches()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Airlock.Throws = true;
        h.Scan(); // must not throw out of the engine
        Assert.False(h.Relay1.Energised || h.Relay2.Energised || h.Relay3.Energised);
        Assert.True(h.Engine.State(1).HasLatched(ConditionKind.ScanException));
        Assert.Contains(h.Journal.OfKind("zone_tripped"), e => e.GetProperty("reason").GetString() == "scan_exception");
        h.Airlock.Throws = false;
        h.Run(61_000);
        Assert.Equal(ZoneResetOutcome.LocalResetRequired, h.Engine.RequestRemoteReset(0));
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(0));
    }

    [Fact]
    public void ThrowingOutputDriver_DoesNotKeepTheOthersEnergised()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Relay1.ThrowOnWrite = true;
        h.Scan();
        Assert.False(h.Relay2.Energised || h.Relay3.Energised);
    }

    [Fact]
    public void MissedScanDeadline_TripsEveryZone()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Clock.Advance(2001); // AQ 6201: 2 s
        h.Scan();
        Assert.False(h.Relay1.Energised || h.Relay3.Energised);
        var e = h.Journal.OfKind("zone_tripped").Last();
        Assert.Equal("supervisor_deadline_missed", e.GetProperty("reason").GetString());
        Assert.Equal(2001, e.GetProperty("causes")[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public void ScanAtTheDeadline_DoesNotTrip()
    {
        var h = new ZoneHarness { StepMs = 2000 };
        h.BringUp();
        h.Run(10_000);
        Assert.True(h.Relay1.Energised);
    }

    [Fact]
    public void SupervisorReport_TripsEveryZone()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Engine.NotifySupervisorDeadlineMissed();
        Assert.False(h.Relay1.Energised || h.Relay3.Energised);
        Assert.True(h.Engine.State(0).HasLatched(ConditionKind.SupervisorDeadlineMissed));
    }

    [Fact]
    public void SameScanTrip_ZeroExtraScans_ByTheFakeClock()
    {
        var h = new ZoneHarness();
        h.BringUp();
        long t = h.Now;
        h.Values[ZoneHarness.Ch4] = 1.5;
        h.Alarms.Update(ZoneHarness.Ch4, new Core.Domain.Reading(1.5, Core.Domain.Unit.PercentVolume, 0, t, h.Clock.UtcMs), t);
        h.Engine.Evaluate(t);
        Assert.Equal(t, h.Now);
        Assert.False(h.Relay1.Energised);
        Assert.Equal(t, h.BayState.TrippedAtMs);
        Assert.Equal(t, h.Journal.OfKind("zone_tripped").Last().GetProperty("monoMs").GetInt64());
    }

    [Fact]
    public void NoApiEnergisesAnOutput_WhileAConditionFails()
    {
        var h = new ZoneHarness();
        h.BringUp();
        h.Nvr.Active = false;
        h.Scan();
        h.Run(61_000);
        h.Engine.RequestLocalReset(0);
        h.Engine.RequestRemoteReset(0);
        h.Engine.StartProofTest(0);
        h.Engine.NotifyPlatformLinkAlive(h.Now);
        h.Engine.NotifyMonitoringHeartbeat(0, h.Now);
        h.Engine.RequestTrip(1, "x");
        h.Scan();
        Assert.False(h.Relay1.Energised || h.Relay2.Energised);
    }
}
