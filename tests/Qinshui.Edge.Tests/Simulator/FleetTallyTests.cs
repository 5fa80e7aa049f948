using Qinshui.Edge.Simulator.Fleet;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>The fleet verdict counts the whole measured window, so a stall after a good start fails it.</summary>
public class FleetTallyTests
{
    private const long Start = 1_790_000_000_000;

    /// <summary>Every gateway's 16 readings of each second in [from, to) s, arriving <paramref name="lagMs"/> later.</summary>
    private static void Deliver(FleetTally t, int fromS, int toS, long lagMs)
    {
        var samples = new long[16];
        for (int s = fromS; s < toS; s++)
        {
            for (int g = 0; g < t.Gateways; g++)
            {
                Array.Fill(samples, Start + s * 1000L);
                t.AddMessage(g, samples, Start + s * 1000L + lagMs);
            }
        }
    }

    [Fact]
    public void AFleetThatStallsAfter30Seconds_FailsTheWholeRunVerdict()
    {
        var t = new FleetTally(10, 16, Start, Start + 60_000);
        Deliver(t, 0, 30, 40);
        var report = new FleetReport(new FleetOptions { Gateways = 10, DurationMs = 60_000 }, "test", "") { Tally = t };
        Assert.Equal(0.5, t.DeliveredShare, 3);
        Assert.Equal(0.0, t.WorstSlice().Share);
        Assert.Equal(30, t.WorstSlice().StartSecond);
        Assert.Equal(10, t.GatewaysBelow(0.99));
        Assert.False(report.Met);
    }

    [Fact]
    public void AWholeWindowDelivered_InTime_MeetsTheTarget_AndReadingsOutsideTheWindowDoNotCount()
    {
        var t = new FleetTally(10, 16, Start, Start + 60_000);
        Deliver(t, -2, 62, 120);
        var report = new FleetReport(new FleetOptions { Gateways = 10, DurationMs = 60_000 }, "test", "") { Tally = t };
        Assert.Equal(1.0, t.DeliveredShare, 6);
        Assert.Equal(4 * 10 * 16, t.OutsideWindow);
        Assert.Equal(120, t.Transport.Percentile(99));
        Assert.True(report.Met);
    }

    [Fact]
    public void AllDeliveredButLate_FailsOnTheTransportLag()
    {
        var t = new FleetTally(10, 16, Start, Start + 60_000);
        Deliver(t, 0, 60, 2500);
        var report = new FleetReport(new FleetOptions { Gateways = 10, DurationMs = 60_000 }, "test", "") { Tally = t };
        Assert.Equal(1.0, t.DeliveredShare, 6);
        Assert.False(report.Met);
    }
}
