using System.Text;
using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Tests.Fakes;
using Qinshui.Edge.Tests.Mqtt;
using JournalStore = Qinshui.Edge.Core.Journal.Journal;

namespace Qinshui.Edge.Tests.Journal;

/// <summary>Issue 15 #7: a damaged record costs only itself; nothing failing its CRC is delivered; nothing is wiped silently.</summary>
public class JournalDamageTests
{
    private static byte[] P(string s) => Encoding.UTF8.GetBytes(s);

    private static List<string> Drain(JournalStore j)
    {
        var list = new List<string>();
        var buf = new byte[j.MaxPayloadLength];
        while (j.TryReadNext(false, buf, 0, out var e)) list.Add(Encoding.UTF8.GetString(buf, 0, e.PayloadLength));
        return list;
    }

    private static (MemoryRecordStore Store, List<string> Texts) NineteenRecords()
    {
        var store = new MemoryRecordStore(8, 4096);
        var j = new JournalStore(store);
        var texts = Enumerable.Range(1, 19).Select(i => $"{{\"reading\":{i},\"pad\":\"{new string('x', 100)}\"}}").ToList();
        foreach (var t in texts) Assert.True(j.Append(RecordClass.Data, P(t), 0, t.Length));
        return (store, texts);
    }

    private static (int Segment, int Offset) Where(MemoryRecordStore store, string text)
    {
        for (int s = 0; s < store.SegmentCount; s++)
        {
            int at = store.Raw(s).AsSpan().IndexOf(P(text));
            if (at >= 0) return (s, at);
        }
        throw new InvalidOperationException(text);
    }

    [Fact]
    public void AFlippedBitInOneRecord_CostsOnlyThatRecord()
    {
        var (store, texts) = NineteenRecords();
        var (s, at) = Where(store, texts[1]);
        store.Raw(s)[at + 20] ^= 0x04;
        var j = new JournalStore(store);
        Assert.Equal(texts.Where((_, i) => i != 1), Drain(j));
        Assert.Equal(1, j.Stats.DamagedSpans);
        Assert.Equal(0, j.Stats.TornTailsCut);
    }

    [Theory]
    [InlineData(0)]   // magic
    [InlineData(2)]   // class
    [InlineData(3)]   // length
    [InlineData(6)]   // record sequence
    [InlineData(10)]  // CRC
    public void ADamagedRecordHeader_CostsOnlyThatRecord(int headerByte)
    {
        var (store, texts) = NineteenRecords();
        var (s, at) = Where(store, texts[4]);
        store.Raw(s)[at - JournalFormat.RecordHeaderSize + headerByte] ^= 0x41;
        var j = new JournalStore(store);
        Assert.Equal(texts.Where((_, i) => i != 4), Drain(j));
        Assert.Equal(1, j.Stats.DamagedSpans);
    }

    [Fact]
    public void ADamagedSegmentHeader_KeepsTheSegmentsRecords_AndWritingGoesOnElsewhere()
    {
        var (store, texts) = NineteenRecords();
        var (s, _) = Where(store, texts[0]);
        store.Raw(s)[5] ^= 0x10;                      // a byte of the segment sequence: the header CRC fails
        var j = new JournalStore(store);
        Assert.Equal(1, j.Stats.SegmentsAdopted);
        Assert.Equal(texts, Drain(j));
        Assert.True(j.Append(RecordClass.Data, P("after"), 0, 5));
        Assert.NotEqual(s, Where(store, "after").Segment);
        // Mounted again, the adopted segment counts as the newest: same records, its own replayed last
        // (each record keeps its record sequence, and each message its boot and seq).
        Assert.Equal(texts.Append("after").Order(), Drain(new JournalStore(store)).Order());
    }

    [Fact]
    public void DamageWhileMounted_IsSkippedToTheNextRecord_NeverDelivered_AndCounted()
    {
        var (store, texts) = NineteenRecords();
        var j = new JournalStore(store);
        var (s, at) = Where(store, texts[2]);
        store.Raw(s)[at + 7] ^= 0x80;
        Assert.Equal(texts.Where((_, i) => i != 2), Drain(j));
        Assert.Equal(1, j.Stats.CorruptRecordsSkipped);
    }

    [Fact]
    public void JournalDamage_IsPublishedAsAnEvent()
    {
        var g = new GatewayHarness(batchIntervalMs: 1_000);
        g.RunSeconds(20, 0.1);
        g.Recorder.Flush();
        // Flip a bit in the payload of the third data record.
        int hit = 0;
        for (int s = 0; s < g.Store.SegmentCount && hit < 3; s++)
        {
            byte[] raw = g.Store.Raw(s);
            for (int i = 0; i + 8 < raw.Length && hit < 3; i++)
                if (raw[i] == (byte)'"' && raw[i + 1] == (byte)'r' && raw[i + 2] == (byte)'"' && ++hit == 3) raw[i + 6] ^= 0x02;
        }
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        for (int i = 0; i < 10; i++) g.Session.Step();
        Assert.Equal(1, g.Journal.Stats.CorruptRecordsSkipped);
        for (int i = 0; i < 3; i++) g.Session.Step();
        var damage = Assert.Single(g.Link.Published, p => p.Kind == "event" && p.Text.Contains("journal_damaged"));
        Assert.Contains("1 entries failing their CRC never sent", damage.Text);
    }

    [Fact]
    public void AJournalFileOneByteShort_IsKeptNotWiped()
    {
        string path = Path.Combine(Path.GetTempPath(), "qedge-journal-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            using (var store = new FileRecordStore(path, 8, 1024))
            {
                var j = new JournalStore(store);
                for (int i = 0; i < 20; i++) Assert.True(j.Append(RecordClass.Data, P("rec-" + i), 0, 4 + i.ToString().Length));
                Assert.Null(store.Problem);
            }
            using (var f = new FileStream(path, FileMode.Open)) f.SetLength(f.Length - 1);
            using (var store = new FileRecordStore(path, 8, 1024))
            {
                Assert.Contains("1 B short", store.Problem);
                Assert.Equal(Enumerable.Range(0, 20).Select(i => "rec-" + i), Drain(new JournalStore(store)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AJournalFileOfAnotherGeometry_IsMovedAsideNotDestroyed()
    {
        string path = Path.Combine(Path.GetTempPath(), "qedge-journal-" + Guid.NewGuid().ToString("N") + ".bin");
        try
        {
            File.WriteAllBytes(path, new byte[9 * 1024]);
            using var store = new FileRecordStore(path, 8, 1024);
            Assert.Contains("moved to", store.Problem);
            var aside = Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".unreadable-*");
            Assert.Single(aside);
            Assert.Equal(9 * 1024, new FileInfo(aside[0]).Length);
            File.Delete(aside[0]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
