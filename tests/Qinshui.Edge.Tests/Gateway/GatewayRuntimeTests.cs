using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Gateway;

public class GatewayRuntimeTests
{
    private static GatewayFixture ArmedBay(Qinshui.Edge.Core.Ports.IMqttLink? link = null)
    {
        var f = new GatewayFixture(link: link);
        Assert.Equal(WeldingReason.None, f.PushPermit());
        f.SetMethane(0.10);
        f.Run(12_000); // readings flow, conditions clear for the 10 s settle time
        Assert.Equal(ZoneResetOutcome.Accepted, f.Runtime.Zones.RequestLocalReset(0));
        return f;
    }

    [Fact]
    public void Boot_EveryOutputOff_UntilResetAndAuthorised()
    {
        var f = new GatewayFixture();
        f.SetMethane(0.10);
        f.Run(12_000);
        Assert.False(f.BayPower.Energised);
        Assert.False(f.WelderEnable.Energised);
        Assert.Equal(ZoneResetOutcome.Accepted, f.Runtime.Zones.RequestLocalReset(0));
        f.Run(1_000);
        // Reset accepted, but no welder has authorised work: the bay stands by, unlatched.
        Assert.False(f.BayPower.Energised);
        Assert.False(f.Runtime.Zones.IsLatched(0));
    }

    [Fact]
    public void CardTap_EnablesMachineAndBayInTheSameScan()
    {
        var f = ArmedBay();
        f.Reader.Tap("CARD-1");
        f.Clock.Advance(10);
        f.Runtime.Scan();
        Assert.True(f.WelderEnable.Energised);
        Assert.True(f.BayPower.Energised);
        Assert.True(f.Runtime.Stations[0].IsRunning);
    }

    [Fact]
    public void MethaneAtCut_DropsEverythingInTheScanThatSeesIt()
    {
        var f = ArmedBay();
        f.Reader.Tap("CARD-1");
        f.Run(2_000);
        Assert.True(f.BayPower.Energised);
        f.SetMethane(1.6);
        int scans = f.ScansUntil(() => f.Runtime.Alarms.IsTripping(0, LevelKind.Trip));
        // The scan that fed the 1.6 % reading into the alarm engine already wrote the outputs off.
        Assert.False(f.BayPower.Energised);
        Assert.False(f.WelderEnable.Energised);
        Assert.True(f.Runtime.Zones.IsLatched(0));
        Assert.True(scans <= 110, $"poll interval 1 s = 100 scans; took {scans}");
    }

    [Fact]
    public void SessionEnd_StandsTheBayBy_WithoutLatching_SoTheNextJobNeedsNoReset()
    {
        var f = ArmedBay();
        f.Reader.Tap("CARD-1");
        f.Run(2_000);
        f.Reader.Tap("CARD-1");
        f.Run(100);
        Assert.False(f.BayPower.Energised);
        Assert.False(f.Runtime.Zones.IsLatched(0));
        f.Reader.Tap("CARD-1");
        f.Run(100);
        Assert.True(f.BayPower.Energised);
    }

    [Fact]
    public void LossOfVideo_TripsAndLatches()
    {
        var f = ArmedBay();
        f.Reader.Tap("CARD-1");
        f.Run(1_000);
        f.Nvr.Active = false;
        f.Run(20);
        Assert.False(f.BayPower.Energised);
        Assert.False(f.WelderEnable.Energised);
        Assert.True(f.Runtime.Zones.IsLatched(0));
        f.Nvr.Active = true;
        f.Run(1_000);
        Assert.Equal(ZoneResetOutcome.SettleTimeRunning, f.Runtime.Zones.RequestLocalReset(0));
    }

    [Fact]
    public void WelderCodeReadOverModbus_MustMatchTheStation()
    {
        var f = ArmedBay();
        f.SetMachineCode("QSWM9999");
        f.Run(2_000);
        f.Reader.Tap("CARD-1");
        f.Run(20);
        Assert.False(f.WelderEnable.Energised);
        f.Run(100);
        Assert.Contains(f.Mqtt.Published, p => p.Kind == "event" && p.Text.Contains("welding_start_refused") && p.Text.Contains("machine_unregistered"));
    }

    [Fact]
    public void Mqtt_BirthFirst_ThenDataAlarmsAndAChainedEventLog()
    {
        var f = ArmedBay();
        f.Reader.Tap("CARD-1");
        f.Run(3_000);
        f.SetMethane(1.6);
        f.Run(5_000);
        var published = f.Mqtt.Published;
        Assert.Equal("birth", published.First(p => p.Kind != "state").Kind);
        Assert.Contains(published, p => p.Kind == "data");
        Assert.Contains(published, p => p.Kind == "alarm");
        var events = published.Where(p => p.Kind == "event").Select(p => p.Payload).ToList();
        Assert.Contains(events, e => Encoding.UTF8.GetString(e).Contains("welding_session_started"));
        Assert.Contains(events, e => Encoding.UTF8.GetString(e).Contains("zone_tripped"));
        // Every event links to the one before it.
        string? prevHash = null;
        foreach (var e in events.Select(b => JsonDocument.Parse(b).RootElement))
        {
            if (!e.TryGetProperty("prev", out var prev)) continue;
            if (prevHash != null) Assert.Equal(prevHash, prev.GetString());
            prevHash = e.GetProperty("hash").GetString();
        }
        Assert.NotNull(prevHash);
    }

    [Fact]
    public void SteadyStateScan_AllocatesNothing()
    {
        var link = new Qinshui.Edge.Tests.Fakes.CountingMqttLink();
        var f = ArmedBay(link);
        f.Reader.Tap("CARD-1");
        f.SetArcCurrent(150);
        f.Run(70_000); // past a health interval, batches flushed, everything warmed up
        long before = GC.GetAllocatedBytesForCurrentThread();
        f.Run(5_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(f.BayPower.Energised);
        Assert.True(link.Publishes > 0);
        Assert.Equal(0, allocated);
    }
}
