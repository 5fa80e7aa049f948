using System.Text.Json;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>The compact data encoding (docs/mqtt.md "Compact data", issue 16 #3/#4): what the core writes, the desktop reads.</summary>
public class CompactDataTests
{
    private static GatewayHarness Connected(int channels = 4, int batchIntervalMs = 10_000)
    {
        var g = new GatewayHarness(channels: channels, compact: true, batchIntervalMs: batchIntervalMs);
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        return g;
    }

    private static List<CompactDataBatch> DataBatches(GatewayHarness g)
    {
        var list = new List<CompactDataBatch>();
        foreach (var m in g.Link.Published.Where(p => p.Kind == "data"))
        {
            Assert.True(CompactDataDecoder.TryDecode(m.Payload, out var b, out string error), error);
            list.Add(b);
        }
        return list;
    }

    [Fact]
    public void Batch_DecodesToTheReadingsRecorded_ScaledToTheChannelDecimals()
    {
        var g = Connected();
        for (int t = 0; t < 12; t++)
        {
            g.Scan(0.1 + t * 0.0123);
            g.Clock.Advance(1000);
        }
        var batch = DataBatches(g).First();
        Assert.Equal(g.Identity.BootId, batch.Boot);
        Assert.Equal("9f86d081", batch.Cfg);
        Assert.Equal(4, batch.Width);
        Assert.False(batch.Hist);
        Assert.True(batch.NextSeq > batch.Seq);
        // Channel 0 is MINE_CH4_FACE: its decimals come from its span, and every methane reading is there in order.
        int dp = CompactData.DecimalsForSpan(g.Engine.RangeMin(0), g.Engine.RangeMax(0));
        var ch4 = batch.Readings.Where(r => r.Channel == 0).ToList();
        Assert.True(ch4.Count >= 10);
        for (int t = 0; t < ch4.Count; t++)
        {
            Assert.Equal(batch.Ts + t * 1000, ch4[t].UtcMs);
            Assert.Equal(0, ch4[t].Quality);
            Assert.Equal(CompactBatch.Scaled(0.1 + t * 0.0123, dp), ch4[t].Scaled);
        }
    }

    [Fact]
    public void ReplayedBatch_CarriesTheHistFlag_TheJournalRecordDoesNot()
    {
        var g = new GatewayHarness(compact: true);
        g.RunSeconds(25, 0.1);
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        g.RunSeconds(3, 0.1);
        var batches = DataBatches(g);
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.True(b.Hist));
        // A later batch recorded while connected is live.
        g.RunSeconds(12, 0.1);
        Assert.False(DataBatches(g).Last().Hist);
    }

    [Fact]
    public void SixteenChannelsAtOneHertz_CostLessThanThreeBytesAReading()
    {
        var g = Connected(channels: 16);
        for (int t = 0; t < 600; t++)
        {
            g.Scan(0.1 + t % 70 / 1000.0);
            g.Clock.Advance(1000);
        }
        var data = g.Link.Published.Where(p => p.Kind == "data").ToList();
        long readings = DataBatches(g).Sum(b => b.Readings.Count);
        double perReading = (double)data.Sum(p => p.Payload.Length) / readings;
        Assert.True(perReading < 3.0, $"{perReading:F2} B a reading");
    }

    [Fact]
    public void RecordingCompactBatches_AllocatesNothing()
    {
        var g = new GatewayHarness(channels: 16, segments: 256, compact: true);
        g.RunSeconds(100, 0.1);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++)
        {
            for (int c = 0; c < 16; c++) g.Engine.Update(c, new Reading(0.2 + i % 13 * 0.01, g.Engine.ChannelUnit(c), Quality.Good, g.Clock.MonotonicMs, g.Clock.UtcMs), g.Clock.MonotonicMs);
            g.Recorder.DrainTransitions();
            g.Recorder.SampleChannels();
            g.Recorder.Step();
            g.Clock.Advance(1000);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Transcoder_GivesTheJsonForm_WithTheDecimalsOfTheMetaPages()
    {
        var g = Connected();
        g.RunSeconds(12, 0.25);
        var t = new CompactDataTranscoder();
        JsonElement? data = null;
        foreach (var m in g.Link.Published)
        {
            byte[] p = t.Normalize(m.Topic, m.Payload);
            if (m.Kind == "data" && data == null) data = JsonDocument.Parse(p).RootElement;
        }
        var root = data!.Value;
        Assert.Equal(g.Identity.BootId, root.GetProperty("boot").GetString());
        var first = root.GetProperty("r")[0];
        Assert.Equal(0, first[0].GetInt32());
        Assert.Equal(0.25, first[2].GetDouble(), 6);
        Assert.Equal(0, first[3].GetInt32());
        Assert.True(root.GetProperty("nb").GetInt64() > root.GetProperty("seq").GetInt64());
    }

    [Fact]
    public void Transcoder_WithoutTheMetaPages_SendsNoValueRatherThanAnUnscaledOne()
    {
        var g = Connected();
        g.RunSeconds(12, 0.25);
        var t = new CompactDataTranscoder();
        var m = g.Link.Published.First(p => p.Kind == "data");
        var r = JsonDocument.Parse(t.Normalize(m.Topic, m.Payload)).RootElement.GetProperty("r")[0];
        Assert.Equal(JsonValueKind.Null, r[2].ValueKind);
        Assert.Equal(256, r[3].GetInt32() & 256);
    }

    [Fact]
    public void TruncatedBatch_IsRefusedWithAReason()
    {
        var g = Connected();
        g.RunSeconds(12, 0.25);
        var p = g.Link.Published.First(x => x.Kind == "data").Payload;
        Assert.False(CompactDataDecoder.TryDecode(p.AsSpan(0, 12), out _, out string error));
        Assert.Contains("ends inside", error);
    }

    [Theory]
    [InlineData(0, 4, 3)]
    [InlineData(0, 100, 1)]
    [InlineData(0, 600, 1)]
    [InlineData(0, 3000, 0)]
    [InlineData(0, 25, 2)]
    [InlineData(0, 0, 4)]
    public void Decimals_AreTheCoarsestPowerOfTenWithinATenthOfAPercentOfSpan(double min, double max, int decimals) =>
        Assert.Equal(decimals, CompactData.DecimalsForSpan(min, max));

    [Fact]
    public void AFaultyReading_GoesOutWithItsQuality_AndNoMadeUpValue()
    {
        var g = Connected();
        for (int t = 0; t < 12; t++)
        {
            g.Scan(0.1, t is >= 3 and < 6 ? Quality.CommunicationFault : Quality.Good);
            g.Clock.Advance(1000);
        }
        var readings = DataBatches(g).SelectMany(b => b.Readings).Where(r => r.Channel == 0).ToList();
        Assert.True(readings.Count >= 10, $"{readings.Count} readings of channel 0");
        var bad = readings.Where(r => r.Quality != 0).ToList();
        Assert.NotEmpty(bad);
        Assert.All(bad, r => Assert.False(r.HasValue, "a faulty reading carries no value"));
        Assert.Contains(readings, r => r.Quality == 0 && r.HasValue);
    }
}
