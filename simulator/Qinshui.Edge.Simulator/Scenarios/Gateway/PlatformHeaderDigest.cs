using System.Text.Json;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The common header of every message the platform received ({"boot","seq"}, "hist", a data batch's
/// "nb"), digested as it arrives so that the gap, duplicate and replay checks need no payload kept:
/// per boot the distinct sequence numbers, the highest journalled one (data, alarm, event), the newest
/// data batch's announced next number; per (boot, seq) where it first appeared and whether it came twice.
/// Retained last wills and messages without the header are skipped, as the checks always did.
/// </summary>
public sealed class PlatformHeaderDigest
{
    private readonly List<string> _bootOrder = new();
    private readonly Dictionary<string, Boot> _boots = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Boot, long Seq), int> _firstIndex = new();
    private readonly Dictionary<(string Boot, long Seq), int> _duplicates = new();
    private int _headers;
    private int _historical;

    public void Add(PlatformMessage m)
    {
        if (m.Kind is "cmd") return;
        try
        {
            using var doc = JsonDocument.Parse(m.Payload);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return;
            if (root.TryGetProperty("will", out var w) && w.ValueKind == JsonValueKind.True) return;
            if (!root.TryGetProperty("boot", out var b) || b.ValueKind != JsonValueKind.String || !root.TryGetProperty("seq", out var s)) return;
            string boot = b.GetString() ?? "";
            long seq = s.GetInt64();
            if (root.TryGetProperty("hist", out var h) && h.ValueKind == JsonValueKind.True) _historical++;
            if (!_boots.TryGetValue(boot, out var state))
            {
                _boots[boot] = state = new Boot();
                _bootOrder.Add(boot);
            }
            state.Seqs.Add(seq);
            if (m.Kind is "data" or "alarm" or "event") state.MaxJournalled = Math.Max(state.MaxJournalled, seq);
            if (m.Kind == "data" && seq >= state.NewestDataSeq)
            {
                state.NewestDataSeq = seq;
                state.NewestDataNext = root.TryGetProperty("nb", out var nb) && nb.ValueKind == JsonValueKind.Number ? nb.GetInt64() : 0;
            }
            if (!_firstIndex.TryAdd((boot, seq), _headers)) _duplicates[(boot, seq)] = _firstIndex[(boot, seq)];
            _headers++;
        }
        catch (Exception x) when (x is JsonException or InvalidOperationException or FormatException)
        {
            // Not a message with the common header: the schema checks report it.
        }
    }

    public bool CheckNoGaps(out string detail)
    {
        long total = 0;
        var problems = new List<string>();
        foreach (string boot in _bootOrder)
        {
            var g = _boots[boot];
            total += g.Seqs.Count;
            // Up to the last journalled message received: a live message (health, reply) may overtake the data batch still open in RAM.
            long max = g.MaxJournalled > 0 ? g.MaxJournalled : g.Seqs.Max();
            // The batch still open at the end of the run: announced by the newest batch ("nb"), not sent yet.
            long open = g.NewestDataNext;
            var missing = new List<long>();
            for (long s = 1; s <= max; s++) if (!g.Seqs.Contains(s) && s != open) missing.Add(s);
            if (missing.Count > 0) problems.Add($"boot {boot}: {missing.Count} missing (first {string.Join(",", missing.Take(5))}) of 1..{max}");
        }
        if (_bootOrder.Count == 0)
        {
            detail = "the platform received nothing";
            return false;
        }
        detail = problems.Count == 0 ? $"{total} messages over {_bootOrder.Count} boot(s), sequence numbers contiguous" : string.Join("; ", problems);
        return problems.Count == 0;
    }

    public bool CheckNoDuplicates(out string detail)
    {
        // QoS 1 may deliver twice by design; a duplicate is a (boot, seq) received twice.
        if (_duplicates.Count == 0)
        {
            detail = $"{_headers} messages, no (boot, seq) twice";
            return true;
        }
        var first = _duplicates.MinBy(d => d.Value).Key;
        detail = $"{_duplicates.Count} duplicates, first boot {first.Boot} seq {first.Seq}";
        return false;
    }

    public bool CheckReplayed(out string detail)
    {
        detail = _historical > 0 ? $"{_historical} journalled data messages replayed flagged historical" : "no message arrived flagged historical (nothing was replayed)";
        return _historical > 0;
    }

    private sealed class Boot
    {
        public HashSet<long> Seqs { get; } = new();
        public long MaxJournalled { get; set; }
        public long NewestDataSeq { get; set; } = long.MinValue;
        public long NewestDataNext { get; set; }
    }
}
