using System.Text;
using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Tests.Fakes;
using JournalStore = Qinshui.Edge.Core.Journal.Journal;

namespace Qinshui.Edge.Tests.Journal;

public class JournalTests
{
    private static byte[] P(string s) => Encoding.UTF8.GetBytes(s);

    private static List<(JournalEntry Entry, string Text)> Drain(JournalStore j, bool priority)
    {
        var list = new List<(JournalEntry, string)>();
        var buf = new byte[j.MaxPayloadLength];
        while (j.TryReadNext(priority, buf, 0, out var e)) list.Add((e, Encoding.UTF8.GetString(buf, 0, e.PayloadLength)));
        return list;
    }

    [Fact]
    public void Crc32_MatchesTheIeeeCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(P("123456789"), 0, 9));
    }

    [Fact]
    public void Records_AreReadBackOldestFirst_PerLane()
    {
        var j = new JournalStore(new MemoryRecordStore(4, 1024));
        Assert.True(j.Append(RecordClass.Data, P("d1"), 0, 2));
        Assert.True(j.Append(RecordClass.Alarm, P("a1"), 0, 2));
        Assert.True(j.Append(RecordClass.Data, P("d2"), 0, 2));
        Assert.True(j.Append(RecordClass.Event, P("e1"), 0, 2));
        Assert.Equal(new[] { "a1", "e1" }, Drain(j, true).Select(x => x.Text));
        Assert.Equal(new[] { "d1", "d2" }, Drain(j, false).Select(x => x.Text));
        Assert.Equal(2, j.PendingData);
        Assert.Equal(2, j.PendingPriority);
    }

    [Fact]
    public void UnacknowledgedRecords_SurviveARemount_AcknowledgedOnesDoNot()
    {
        var store = new MemoryRecordStore(4, 1024);
        var j = new JournalStore(store);
        for (int i = 0; i < 5; i++) j.Append(RecordClass.Data, P("d" + i), 0, 2);
        var read = Drain(j, false);
        Assert.True(j.Acknowledge(read[0].Entry));
        Assert.True(j.Acknowledge(read[2].Entry));
        Assert.False(j.Acknowledge(read[2].Entry)); // twice is a no-op

        var after = new JournalStore(store);
        Assert.Equal(new[] { "d1", "d3", "d4" }, Drain(after, false).Select(x => x.Text));
    }

    [Fact]
    public void Rewind_ReplaysEverythingNotAcknowledged()
    {
        var j = new JournalStore(new MemoryRecordStore(4, 1024));
        for (int i = 0; i < 3; i++) j.Append(RecordClass.Data, P("d" + i), 0, 2);
        var first = Drain(j, false);
        j.Acknowledge(first[1].Entry);
        Assert.Empty(Drain(j, false));
        j.Rewind();
        Assert.Equal(new[] { "d0", "d2" }, Drain(j, false).Select(x => x.Text));
    }

    [Fact]
    public void WhenFull_OldestDataIsEvictedAndCounted_AlarmsAndEventsAreKept()
    {
        var j = new JournalStore(new MemoryRecordStore(4, 512));
        j.Append(RecordClass.Alarm, P("alarm-0"), 0, 7);
        j.Append(RecordClass.Event, P("event-0"), 0, 7);
        var payload = new byte[100];
        int appended = 0;
        for (int i = 0; i < 40; i++)
        {
            Encoding.ASCII.GetBytes(i.ToString("D4")).CopyTo(payload, 0);
            Assert.True(j.Append(RecordClass.Data, payload, 0, payload.Length));
            appended++;
        }
        Assert.True(j.Stats.EvictedDataRecords > 0);
        Assert.Equal(appended, j.PendingData + (int)j.Stats.EvictedDataRecords);
        Assert.Equal(new[] { "alarm-0", "event-0" }, Drain(j, true).Select(x => x.Text));
        // The newest data is still there; the evicted ones are the oldest.
        var data = Drain(j, false).Select(x => x.Text[..4]).ToList();
        Assert.Equal("0039", data[^1]);
        Assert.Equal((40 - data.Count).ToString("D4"), data[0]);
    }

    [Fact]
    public void AJournalFullOfEvents_RefusesMore_InsteadOfDroppingAny()
    {
        var j = new JournalStore(new MemoryRecordStore(3, 512));
        var payload = new byte[200];
        int ok = 0;
        for (int i = 0; i < 20; i++) if (j.Append(RecordClass.Event, payload, 0, payload.Length)) ok++;
        Assert.True(ok < 20);
        Assert.True(j.Stats.RefusedAppends > 0);
        Assert.Equal(ok, j.PendingPriority);
        Assert.Equal(0, j.Stats.EvictedDataRecords);
    }

    [Fact]
    public void OversizedRecord_IsRefused()
    {
        var j = new JournalStore(new MemoryRecordStore(3, 512));
        Assert.False(j.Append(RecordClass.Data, new byte[j.MaxPayloadLength + 1], 0, j.MaxPayloadLength + 1));
        Assert.True(j.Append(RecordClass.Data, new byte[j.MaxPayloadLength], 0, j.MaxPayloadLength));
    }

    [Fact]
    public void ARecordDamagedAfterWriting_IsNeverDelivered()
    {
        var store = new MemoryRecordStore(4, 1024);
        var j = new JournalStore(store);
        j.Append(RecordClass.Data, P("good-1"), 0, 6);
        j.Append(RecordClass.Data, P("evil-2"), 0, 6);
        // Flip bits inside the second record's payload (bit rot, a bad write).
        byte[] raw = store.Raw(FindSegmentWith(store, "evil-2"));
        int at = IndexOf(raw, P("evil-2"));
        raw[at] &= 0x0F;
        var mounted = new JournalStore(store);
        var texts = Drain(mounted, false).Select(x => x.Text).ToList();
        Assert.Equal(new[] { "good-1" }, texts);
        Assert.Equal(1, mounted.Stats.TornTailsCut);
        // Also when damage happens while mounted.
        var j2 = new JournalStore(new MemoryRecordStore(4, 1024));
        j2.Append(RecordClass.Data, P("good-1"), 0, 6);
        j2.Append(RecordClass.Data, P("evil-2"), 0, 6);
        var s2 = (MemoryRecordStore)typeof(JournalStore).GetField("_store", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(j2)!;
        byte[] raw2 = s2.Raw(FindSegmentWith(s2, "evil-2"));
        raw2[IndexOf(raw2, P("evil-2"))] &= 0x0F;
        Assert.Equal(new[] { "good-1" }, Drain(j2, false).Select(x => x.Text));
        Assert.Equal(1, j2.Stats.CorruptRecordsSkipped);
    }

    private static int FindSegmentWith(MemoryRecordStore s, string text)
    {
        for (int i = 0; i < s.SegmentCount; i++) if (IndexOf(s.Raw(i), P(text)) >= 0) return i;
        throw new InvalidOperationException("not found");
    }

    private static int IndexOf(byte[] hay, byte[] needle) => hay.AsSpan().IndexOf(needle);

    [Fact]
    public void AppendAndAcknowledge_AllocateNothing()
    {
        var j = new JournalStore(new MemoryRecordStore(16, 4096));
        var payload = new byte[300];
        var buf = new byte[j.MaxPayloadLength];
        for (int i = 0; i < 200; i++)
        {
            j.Append(RecordClass.Data, payload, 0, payload.Length);
            if (j.TryReadNext(false, buf, 0, out var e)) j.Acknowledge(e);
        }
        // Three measured rounds, the least counts: a real allocation per append shows in every round,
        // while the runtime's own one-off work on this thread (a tier-up, on-stack replacement) does not.
        long least = long.MaxValue;
        for (int round = 0; round < 3 && least > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 2000; i++)
            {
                j.Append(RecordClass.Data, payload, 0, payload.Length);
                if (j.TryReadNext(false, buf, 0, out var e)) j.Acknowledge(e);
            }
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, least);
    }
}
