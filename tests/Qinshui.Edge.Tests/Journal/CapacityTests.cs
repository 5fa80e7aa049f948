using Qinshui.Edge.Tests.Mqtt;

namespace Qinshui.Edge.Tests.Journal;

public class CapacityTests
{
    /// <summary>
    /// Issue target: ≥ 40,000 readings per MB of flash. 1 MiB journal (256 × 4 KiB), 16 channels
    /// of real profiles at 1 Hz, batches written by the core: count what is held when the first
    /// batch has to be evicted.
    /// </summary>
    [Fact]
    public void OneMebibyteOfFlash_HoldsAtLeast40000Readings()
    {
        var g = new GatewayHarness(channels: 16, segments: 256, segmentSize: 4096);
        while (g.Journal.Stats.EvictedDataRecords == 0)
        {
            g.Scan(0.1 + g.Clock.MonotonicMs % 7000 / 10000.0);
            g.Clock.Advance(1000);
        }
        double perBatch = (double)g.Recorder.ReadingsRecorded / g.Recorder.BatchesRecorded;
        double held = g.Recorder.ReadingsRecorded - g.Journal.Stats.EvictedDataRecords * perBatch;
        Assert.True(held >= 40_000, $"{held:F0} readings per MiB");
        // Alarms and events recorded meanwhile are all still there.
        Assert.Equal(0, g.Journal.Stats.RefusedAppends);
    }

    /// <summary>
    /// Issue 16 #4: ≥ 150,000 readings per MiB in the device's own record format (compact batches, four
    /// full batches to a 4 KiB segment), same load as above.
    /// </summary>
    [Fact]
    public void OneMebibyteOfFlash_HoldsAtLeast150000Readings_InCompactBatches()
    {
        var g = new GatewayHarness(channels: 16, segments: 256, segmentSize: 4096, compact: true);
        while (g.Journal.Stats.EvictedDataRecords == 0)
        {
            g.Scan(0.1 + g.Clock.MonotonicMs % 7000 / 10000.0);
            g.Clock.Advance(1000);
        }
        double perBatch = (double)g.Recorder.ReadingsRecorded / g.Recorder.BatchesRecorded;
        double held = g.Recorder.ReadingsRecorded - g.Journal.Stats.EvictedDataRecords * perBatch;
        Assert.True(held >= 150_000, $"{held:F0} readings per MiB");
        Assert.Equal(0, g.Journal.Stats.RefusedAppends);
    }
}
