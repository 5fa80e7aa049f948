namespace Qinshui.Edge.Simulator.Platform;

/// <summary>
/// How a platform decides a gap in one gateway's messages (docs/mqtt.md, "Deciding a gap").
/// Arrival order is not sequence order: live messages (state, birth, meta, health, reply) go out at
/// once, journalled ones (data, alarm, event) wait in the journal through outages and restarts and
/// keep the boot and number they were written with. So a missing number is not a gap when a higher
/// one arrives, only when the gateway says its journal is empty: a health message with
/// journal.pending_data = pending_priority = 0. Then every number of that boot below the health's own
/// that has not arrived, and every number up to the highest known of an older boot, never will — bar
/// the data batch still open in the running boot (announced by the newest batch's "nb"). After
/// <see cref="GraceMs"/> (reordering between topics inside the broker) each is reported once.
/// </summary>
public sealed class SequenceTracker
{
    private readonly Dictionary<string, Boot> _boots = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Boot, long Seq), long> _suspects = new();

    public SequenceTracker(long graceMs) => GraceMs = graceMs;

    public long GraceMs { get; }

    /// <summary>Records one message; false when this boot and number arrived before (a duplicate).</summary>
    public bool Add(string boot, long seq, string kind, long? nextBatchSeq, bool firstOfConnection)
    {
        if (!_boots.TryGetValue(boot, out var b))
        {
            // Seen from the boot's start (its connection's state or birth first) or joined mid-boot.
            _boots[boot] = b = new Boot { FromStart = firstOfConnection };
        }
        if (!b.Seen.Add(seq)) return false;
        _suspects.Remove((boot, seq));
        if (seq > b.Max) b.Max = seq;
        if (kind == "data" && nextBatchSeq is long nb && seq > b.NewestData)
        {
            b.NewestData = seq;
            b.OpenBatch = nb;
            if (nb > b.Max) b.Max = nb;
        }
        return true;
    }

    /// <summary>
    /// The gateway reported an empty journal in the health message (boot, seq): whatever is still
    /// missing below it will never come. Marks those numbers; <see cref="Expire"/> reports them.
    /// </summary>
    public void JournalDrained(string boot, long seq, long nowMs)
    {
        foreach (var (id, b) in _boots)
        {
            bool running = id == boot;
            long to = running ? seq - 1 : b.Max;
            long from = b.FromStart || b.Seen.Count == 0 ? 1 : b.Seen.Min();
            for (long k = from; k <= to; k++)
            {
                if (b.Seen.Contains(k) || b.Reported.Contains(k)) continue;
                if (running && k == b.OpenBatch) continue;
                _suspects.TryAdd((id, k), nowMs + GraceMs);
            }
        }
    }

    /// <summary>Numbers decided missing whose grace has passed, per boot (each reported once).</summary>
    public List<(string Boot, List<long> Seqs)> Expire(long nowMs)
    {
        var due = _suspects.Where(s => s.Value <= nowMs).Select(s => s.Key).OrderBy(k => k.Boot, StringComparer.Ordinal).ThenBy(k => k.Seq).ToList();
        var result = new List<(string, List<long>)>();
        foreach (var group in due.GroupBy(k => k.Boot))
        {
            var seqs = group.Select(k => k.Seq).ToList();
            foreach (var k in group)
            {
                _suspects.Remove(k);
                _boots[k.Boot].Reported.Add(k.Seq);
            }
            result.Add((group.Key, seqs));
        }
        return result;
    }

    private sealed class Boot
    {
        public HashSet<long> Seen { get; } = new();
        public HashSet<long> Reported { get; } = new();
        public long Max { get; set; }
        public long NewestData { get; set; }
        public long OpenBatch { get; set; }
        public bool FromStart { get; init; }
    }
}
