using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Tests.Fakes;
using JournalStore = Qinshui.Edge.Core.Journal.Journal;

namespace Qinshui.Edge.Tests.Journal;

/// <summary>
/// 1,000 simulated power cuts at random byte offsets of journal writes (records, acknowledgement
/// marks, segment headers, erases). After each cut the journal is mounted again, as after a
/// reboot, and must deliver every record whose Append returned true and that was not
/// acknowledged — each intact, none twice — and nothing else except possibly the record (or
/// acknowledgement) being written when the power failed.
/// </summary>
public class PowerCutTests
{
    public static bool Trace = Environment.GetEnvironmentVariable("QE_TRACE") == "1";

    private sealed class Model
    {
        public readonly Dictionary<int, byte[]> Pending = new();
        public readonly Dictionary<int, byte[]> Maybe = new();
        public readonly HashSet<int> DataIds = new();
        public int NextId = 1;
    }

    [Fact]
    public void ThousandPowerCuts_LoseNoAcknowledgedRecord_AndDeliverNoCorruptOne()
    {
        var rng = new Random(int.TryParse(Environment.GetEnvironmentVariable("QE_SEED"), out var seed) ? seed : 20260105);
        int cuts = 0;
        int runs = 0;
        long evicted = 0;
        long relocated = 0;
        while (cuts < 1000)
        {
            runs++;
            var store = new MemoryRecordStore(8, 1024);
            var model = new Model();
            var journal = new JournalStore(store);
            for (int c = 0; c < 10; c++)
            {
                // Mostly within the next few writes, sometimes after the journal filled up and reclaimed segments.
                store.ArmPowerCut(rng.Next(4) == 0 ? rng.Next(0, 30000) : rng.Next(0, 600), rng.Next(3) == 0 ? rng : null);
                bool cut = false;
                for (int op = 0; op < 1000 && !cut; op++) cut = !Step(journal, model, rng);
                if (!cut) continue;
                cuts++;
                long evictedBefore = journal.Stats.EvictedDataRecords;
                evicted += evictedBefore;
                relocated += journal.Stats.RelocatedRecords;
                store.PowerOn();
                journal = new JournalStore(store);
                Verify(journal, model, evictedBefore, store);
            }
        }
        Assert.True(cuts >= 1000);
        Assert.True(runs >= 100);
        // The cuts also hit the full-journal paths: eviction of data and relocation of alarms/events.
        Assert.True(evicted > 0, "no eviction exercised");
        Assert.True(relocated > 0, "no relocation exercised");
    }

    /// <summary>One random operation; false when the power failed during it.</summary>
    private static bool Step(JournalStore j, Model m, Random rng)
    {
        int id = 0;
        byte[]? payload = null;
        JournalEntry ack = default;
        int ackId = 0;
        try
        {
            if (rng.Next(3) > 0 || m.Pending.Count == 0)
            {
                id = m.NextId++;
                payload = MakePayload(id, rng);
                var cls = (RecordClass)rng.Next(3);
                if (cls == RecordClass.Data) m.DataIds.Add(id);
                if (j.Append(cls, payload, 0, payload.Length)) m.Pending[id] = payload;
                if (Trace) Console.WriteLine($"append {id} {cls} len={payload.Length} ok={m.Pending.ContainsKey(id)} evicted={j.Stats.EvictedDataRecords} reloc={j.Stats.RelocatedRecords}");
                else id = 0;
                payload = null;
                return true;
            }
            // Acknowledge one pending record (as a PUBACK would).
            j.Rewind();
            var buf = new byte[j.MaxPayloadLength];
            var entries = new List<(JournalEntry, int)>();
            while (j.TryReadNext(rng.Next(2) == 0, buf, 0, out var e)) entries.Add((e, BitConverter.ToInt32(buf, 0)));
            if (entries.Count == 0) return true;
            (ack, ackId) = entries[rng.Next(entries.Count)];
            if (j.Acknowledge(ack)) m.Pending.Remove(ackId);
            if (Trace) Console.WriteLine($"ack {ackId} seg={ack.Segment}");
            return true;
        }
        catch (PowerCutException)
        {
            if (Trace) Console.WriteLine($"CUT during id={id} ack={ackId} payloadNull={payload == null}");
            if (payload != null && id != 0) m.Maybe[id] = payload;
            if (ackId != 0 && m.Pending.Remove(ackId, out var p)) m.Maybe[ackId] = p;
            return false;
        }
    }

    private static byte[] MakePayload(int id, Random rng)
    {
        var p = new byte[rng.Next(8, 160)];
        rng.NextBytes(p);
        BitConverter.GetBytes(id).CopyTo(p, 0);
        return p;
    }

    private static void Verify(JournalStore j, Model m, long evictedBeforeCut, MemoryRecordStore store)
    {
        var seen = new HashSet<int>();
        var buf = new byte[j.MaxPayloadLength];
        foreach (bool lane in new[] { true, false })
        {
            while (j.TryReadNext(lane, buf, 0, out var e))
            {
                var got = buf.AsSpan(0, e.PayloadLength).ToArray();
                int id = BitConverter.ToInt32(got, 0);
                Assert.True(seen.Add(id), $"record {id} delivered twice");
                byte[]? expected = m.Pending.TryGetValue(id, out var p) ? p : m.Maybe.TryGetValue(id, out var q) ? q : null;
                Assert.True(expected != null, $"record {id} was never durably appended or was acknowledged");
                Assert.Equal(expected, got);
            }
        }
        // Alarms and events are never lost. Data may be missing only where the journal evicted the
        // oldest data to make room: the missing data records are older than every delivered one.
        var missing = m.Pending.Keys.Where(id => !seen.Contains(id)).ToList();
        foreach (var id in missing)
        {
            if (!m.DataIds.Contains(id) && Trace)
            {
                var needle = m.Pending[id];
                for (int sgi = 0; sgi < store.SegmentCount; sgi++)
                {
                    var raw = store.Raw(sgi);
                    int at = raw.AsSpan().IndexOf(needle);
                    Console.WriteLine($"seg {sgi}: hdr={Convert.ToHexString(raw, 0, 20)} found130at={at} ackbyte={(at >= 13 ? raw[at - 12].ToString("X2") : "-")}");
                }
            }
            Assert.True(m.DataIds.Contains(id), $"durable alarm/event record {id} lost");
        }
        if (missing.Count > 0)
        {
            Assert.True(evictedBeforeCut > 0, $"durable data record {missing[0]} lost without eviction");
            int oldestDelivered = seen.Where(m.DataIds.Contains).DefaultIfEmpty(int.MaxValue).Min();
            Assert.All(missing, id => Assert.True(id < oldestDelivered, $"data {id} evicted before older data"));
            foreach (var id in missing) m.Pending.Remove(id);
        }
        // What survived the cut is now simply pending; what did not is gone.
        foreach (var id in m.Maybe.Keys.ToList())
        {
            if (seen.Contains(id)) m.Pending[id] = m.Maybe[id];
        }
        m.Maybe.Clear();
        j.Rewind();
    }
}
