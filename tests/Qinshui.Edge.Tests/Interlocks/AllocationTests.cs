using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

public class ZoneAllocationTests
{
    [Fact]
    public void SteadyStateZoneEvaluation_AllocatesNothing()
    {
        var h = new ZoneHarness(keepRecords: false) { StepMs = 500 };
        h.BringUp();
        for (int i = 0; i < 200; i++) { h.Clock.Advance(500); h.Scan(); } // warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            h.Clock.Advance(500);
            h.Values[ZoneHarness.Ch4] = 0.1 + (i % 7) * 0.03;
            h.Scan();
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(h.Relay1.Energised);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TripResetCycles_WithTheirEvents_AllocateNothing()
    {
        // Trips, refusals, resets and their hash-chained events, into a journal that only counts.
        var h = new ZoneHarness(keepRecords: false) { StepMs = 1000 };
        h.BringUp();
        void Cycle()
        {
            h.Values[ZoneHarness.Ch4] = 0.8;
            h.Scan();
            h.Values[ZoneHarness.Ch4] = 0.2;
            h.Engine.RequestLocalReset(0); // refused: cause persists this scan
            for (int s = 0; s < 61; s++) { h.Clock.Advance(1000); h.Scan(); }
            h.Engine.RequestLocalReset(0);
            h.Engine.RequestTrip(1, "test");
            h.Clock.Advance(1000);
            h.Scan();
            h.Engine.RequestLocalReset(1);
        }
        for (int i = 0; i < 5; i++) Cycle();
        long appended = h.Journal.Appended;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 50; i++) Cycle();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(h.Journal.Appended - appended >= 50 * 8);
        Assert.True(h.Relay1.Energised);
        Assert.Equal(0, allocated);
    }
}
