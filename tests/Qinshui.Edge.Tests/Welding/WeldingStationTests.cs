using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Welding;

public class WeldingStationTests
{
    private const long Minute = WeldingHarness.Minute;

    [Fact]
    public void Boot_MachineLocked()
    {
        var h = new WeldingHarness();
        Assert.False(h.Enable.Energised);
        Assert.True(h.Enable.Writes > 0);
    }

    [Fact]
    public void CardTap_EnablesInTheSameStep_ThenRunsToPermitExpiry_WarnsTenMinutesBefore_AndStops()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Station.Step(); // no time passes between the tap and the enable
        Assert.True(h.Enable.Energised);
        Assert.True(h.Station.IsRunning);
        Assert.Equal(1, h.Events.Started);

        h.Machine.ArcCurrentAmps = 160;
        h.Run(60 * Minute);
        h.Machine.ArcCurrentAmps = 120;
        h.Run(60 * Minute);
        h.Machine.ArcCurrentAmps = 0;
        // The permit ends 4 h after base time; ~1 min passed before the tap.
        h.Run(100 * Minute);
        Assert.False(h.Events.Has("warning permit_expires_soon"));
        h.Run(10 * Minute);
        Assert.True(h.Events.Has("warning permit_expires_soon"));
        Assert.True(h.Enable.Energised);
        h.Run(10 * Minute);
        Assert.False(h.Enable.Energised);
        var s = Assert.Single(h.Events.Ended);
        Assert.Equal(WeldingReason.PermitExpired, s.StopReason);
        Assert.Equal("W001", s.WelderId);
        Assert.Equal("QS-WM-0001", s.MachineCode);
        Assert.Equal("HW-001", s.PermitId);
        Assert.Equal(120 * Minute, s.ArcOnMs);
        Assert.Equal(160, s.MaxCurrentAmps);
        Assert.Equal(140, s.CurrentIntegralAmpMs / s.ArcOnMs, 6);
    }

    [Fact]
    public void SameCardAgain_EndsTheSession_DifferentCard_IsASwap()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.Equal(WeldingReason.WelderEnded, h.Events.Ended[^1].StopReason);
        Assert.False(h.Enable.Energised);

        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.True(h.Enable.Energised);
        h.Cards.Tap("CARD-2");
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.CardSwapped, h.Events.Ended[^1].StopReason);
    }

    [Fact]
    public void MachineCodeChangingMidSession_StopsAtOnce_AndWarnsOfAModifiedMachine()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        h.Machine.Code = "QS-WM-0009";
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.MachineIdentityChanged, h.Events.Ended[^1].StopReason);
        Assert.True(h.Events.Has("warning suspected_modified_machine"));
    }

    [Fact]
    public void GasOverTheHotWorkLimit_StopsInTheSameStep()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        h.Gas(0.51); // mine hot work: CH4 ≤ 0.5 %
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.GasOverLimit, h.Events.Ended[^1].StopReason);
    }

    [Fact]
    public void ZoneTrip_StopsTheSession()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        h.Zones.Holds = false;
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.ZoneTripped, h.Events.Ended[^1].StopReason);
    }

    [Fact]
    public void CancelledPermit_StopsTheSession()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.Equal(WeldingReason.PermitCancelled, h.Push("{\"permitId\":\"HW-001\",\"kind\":\"hot_work\",\"zone\":\"weld-bay-1\",\"cancelled\":true}"));
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.PermitCancelled, h.Events.Ended[^1].StopReason);
    }

    [Fact]
    public void ArcCurrentWhileLocked_IsBypassSuspected_OncePerEpisode()
    {
        var h = new WeldingHarness();
        h.Machine.ArcCurrentAmps = 80;
        h.Run(5000);
        Assert.Single(h.Events.Log, "warning bypass_suspected");
        h.Machine.ArcCurrentAmps = 0;
        h.Run(1000);
        h.Machine.ArcCurrentAmps = 80;
        h.Run(1000);
        Assert.Equal(2, h.Events.Log.Count(l => l == "warning bypass_suspected"));
    }

    [Fact]
    public void CertificateNearExpiry_AndSpecialPeriod_AreWarnings_NotRefusals()
    {
        long now = 1_790_000_000_000;
        var h = new WeldingHarness(new[] { new SpecialPeriod("两会", now - WeldingHarness.Day, now + WeldingHarness.Day) }).Ready();
        h.Cards.Tap("CARD-2"); // certificate expires in 10 days
        h.Station.Step();
        Assert.True(h.Enable.Energised);
        Assert.True(h.Events.Has("warning certificate_near_expiry"));
        Assert.True(h.Events.Has("warning special_period_hot_work"));
    }

    public static IEnumerable<object[]> Refusals() => new[]
    {
        new object[] { "unreadable" , WeldingReason.MachineUnreadable },
        new object[] { "unregistered", WeldingReason.MachineUnregistered },
        new object[] { "swapped machine", WeldingReason.MachineIdentityChanged },
        new object[] { "unknown card", WeldingReason.CardUnknown },
        new object[] { "expired certificate", WeldingReason.CertificateExpired },
        new object[] { "untrusted clock", WeldingReason.ClockUntrusted },
        new object[] { "no permit", WeldingReason.NoValidPermit },
        new object[] { "machine not on permit", WeldingReason.MachineNotOnPermit },
        new object[] { "welder not on permit", WeldingReason.WelderNotOnPermit },
        new object[] { "zone not permissive", WeldingReason.ZoneNotPermissive },
        new object[] { "gas fault", WeldingReason.GasChannelFault },
        new object[] { "gas not settled", WeldingReason.GasNotClear },
        new object[] { "old analysis", WeldingReason.GasAnalysisTooOld },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EachRefusal_KeepsTheMachineLocked_AndSaysWhy(string situation, WeldingReason expected)
    {
        var h = new WeldingHarness();
        string card = "CARD-1";
        string permit = WeldingHarness.PermitJson();
        switch (situation)
        {
            case "unreadable": h.Machine.Code = null; break;
            case "unregistered": h.Machine.Code = "QS-WM-7777"; break;
            case "swapped machine": h.Machine.Code = "QS-WM-0009"; break;
            case "unknown card": card = "CARD-X"; break;
            case "expired certificate": card = "CARD-3"; break;
            case "untrusted clock": h.Clock.IsTrusted = false; break;
            case "no permit": permit = ""; break;
            case "machine not on permit": permit = WeldingHarness.PermitJson(machines: "\"QS-WM-0002\""); break;
            case "welder not on permit": permit = WeldingHarness.PermitJson(welders: "\"W002\""); break;
            case "zone not permissive": h.Zones.Holds = false; break;
            case "old analysis": permit = WeldingHarness.PermitJson(analysis: 1_790_000_000_000 - 31 * Minute); break;
        }
        if (permit.Length > 0) Assert.Equal(WeldingReason.None, h.Push(permit));
        if (situation == "gas not settled") h.Run(59_000);
        else h.Run(61_000);
        if (situation == "gas fault") h.Gas(0.05, Quality.CommunicationFault);
        if (situation == "swapped machine") h.Registry.Machines[1] = new MachineRecord("QS-WM-0009", "ZX7-315", WeldingHarness.Zone);
        h.Cards.Tap(card);
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.False(h.Station.IsRunning);
        Assert.Equal(expected, h.Events.LastRefusal);
        Assert.False(string.IsNullOrEmpty(WeldingReasonText.English(expected)));
        Assert.False(string.IsNullOrEmpty(WeldingReasonText.Chinese(expected)));
    }

    [Fact]
    public void MachineRegisteredToAnotherArea_IsRefused_WithAWarning()
    {
        var h = new WeldingHarness();
        h.Machine.Code = "QS-WM-0009"; // registered to other-bay
        var station = new WeldingStation(new WeldingStationConfig("st-2", WeldingHarness.Zone, "", new[] { 0 }, 60_000, 5.0),
            h.Machine, h.Enable, h.Cards, h.Registry, h.Permits, h.Alarms, h.Zones, h.Clock, h.Events, Array.Empty<SpecialPeriod>());
        h.Cards.Tap("CARD-1");
        station.Step();
        Assert.Equal(WeldingReason.MachineOutsidePermitArea, h.Events.LastRefusal);
        Assert.True(h.Events.Has("warning start_outside_permit_area"));
    }

    [Fact]
    public void ResumeWithinAnHour_NeedsNoNewAnalysis_ButAfterAnHourItDoes()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(40 * Minute);
        h.Cards.Tap("CARD-1"); // stop
        h.Run(50 * Minute);
        h.Cards.Tap("CARD-1"); // 50 min interruption: resume allowed though the analysis is 90 min old
        h.Station.Step();
        Assert.True(h.Station.IsRunning);
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        h.Run(61 * Minute);
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        Assert.False(h.Station.IsRunning);
        Assert.Equal(WeldingReason.GasAnalysisTooOld, h.Events.LastRefusal);
    }

    [Fact]
    public void RunningStep_AllocatesNothing()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        h.Machine.ArcCurrentAmps = 150;
        h.Run(5000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            h.Clock.Advance(100);
            h.Station.Step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(h.Station.IsRunning);
    }
}
