using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>One message as the platform received it.</summary>
public sealed record PlatformMessage(long AtMs, string Topic, byte[] Payload)
{
    public string Kind => Topic[(Topic.LastIndexOf('/') + 1)..];
    public string Text => Encoding.UTF8.GetString(Payload);
}

/// <summary>
/// What the platform side received over MQTT, and the checks that need it: every message carries
/// the boot id and a per-boot sequence number over all kinds (docs: MessageWriter), so gaps and
/// duplicates are visible; events carry the hash chain (EventChainVerifier).
/// </summary>
public sealed class PlatformInbox
{
    private readonly List<PlatformMessage> _messages = new();
    private readonly object _gate = new();

    public IReadOnlyList<PlatformMessage> Messages
    {
        get { lock (_gate) return _messages.ToList(); }
    }

    private readonly CompactDataTranscoder _compact = new();

    /// <summary>Data messages received and their payload bytes as sent (compact or JSON), for the wire figures.</summary>
    public long DataMessages { get; private set; }
    public long DataPayloadBytes { get; private set; }
    /// <summary>MQTT 3.1.1 bytes of those messages: PUBLISH (fixed header, remaining length, topic, packet id, payload) + PUBACK (4).</summary>
    public long DataWireBytes { get; private set; }

    /// <summary>Keeps the message; a compact data batch is kept in its JSON form (data.json), which every check reads.</summary>
    public void Add(PlatformMessage m)
    {
        lock (_gate)
        {
            if (m.Kind == "data")
            {
                DataMessages++;
                DataPayloadBytes += m.Payload.Length;
                long remaining = 2 + Encoding.UTF8.GetByteCount(m.Topic) + 2 + m.Payload.Length;
                DataWireBytes += 1 + (remaining < 128 ? 1 : remaining < 16384 ? 2 : 3) + remaining + 4;
            }
            byte[] json = _compact.Normalize(m.Topic, m.Payload);
            _messages.Add(ReferenceEquals(json, m.Payload) ? m : m with { Payload = json });
        }
    }

    /// <summary>(boot, seq) of every message with the common header, in arrival order.</summary>
    public List<(string Boot, long Seq, string Kind, bool Hist, JsonElement Root)> Headers()
    {
        var list = new List<(string, long, string, bool, JsonElement)>();
        foreach (var m in Messages)
        {
            if (m.Kind is "cmd") continue;
            try
            {
                var root = JsonDocument.Parse(m.Payload).RootElement;
                if (root.ValueKind != JsonValueKind.Object) continue;
                // Every kind carries the common header (chained events too; their chain place is chain_boot/chain_seq).
                if (root.TryGetProperty("will", out var w) && w.ValueKind == JsonValueKind.True) continue;
                if (!root.TryGetProperty("boot", out var b) || b.ValueKind != JsonValueKind.String || !root.TryGetProperty("seq", out var s)) continue;
                bool hist = root.TryGetProperty("hist", out var h) && h.ValueKind == JsonValueKind.True;
                list.Add((b.GetString() ?? "", s.GetInt64(), m.Kind, hist, root));
            }
            catch (JsonException)
            {
            }
        }
        return list;
    }

    /// <summary>Sequence numbers missing per boot, below the highest one received of that boot (retained state messages excluded).</summary>
    public bool CheckNoGaps(out string detail)
    {
        var byBoot = Headers().GroupBy(h => h.Boot);
        int bootCount = 0;
        long total = 0;
        var problems = new List<string>();
        foreach (var g in byBoot)
        {
            bootCount++;
            var seqs = g.Select(h => h.Seq).ToHashSet();
            total += seqs.Count;
            // Up to the last journalled message (data, alarm, event) received: a live message (health,
            // reply) may overtake the data batch still open in RAM at the end of the run.
            var journalled = g.Where(h => h.Kind is "data" or "alarm" or "event").Select(h => h.Seq).ToList();
            long max = journalled.Count > 0 ? journalled.Max() : seqs.Max();
            long min = seqs.Min();
            // The batch still open at the end of the run: announced by the newest batch ("nb"), not sent yet.
            var newestData = g.Where(h => h.Kind == "data").OrderBy(h => h.Seq).LastOrDefault();
            long open = newestData.Root.ValueKind == JsonValueKind.Object && newestData.Root.TryGetProperty("nb", out var nb) ? nb.GetInt64() : 0;
            var missing = new List<long>();
            for (long s = 1; s <= max; s++) if (!seqs.Contains(s) && s != open) missing.Add(s);
            if (missing.Count > 0) problems.Add($"boot {g.Key}: {missing.Count} missing (first {string.Join(",", missing.Take(5))}) of 1..{max}");
        }
        if (bootCount == 0)
        {
            detail = "the platform received nothing";
            return false;
        }
        detail = problems.Count == 0 ? $"{total} messages over {bootCount} boot(s), sequence numbers contiguous" : string.Join("; ", problems);
        return problems.Count == 0;
    }

    public bool CheckNoDuplicates(out string detail)
    {
        var dups = Headers().GroupBy(h => (h.Boot, h.Seq)).Where(g => g.Count() > 1).ToList();
        // QoS 1 may deliver twice by design; a duplicate is a (boot, seq) received twice.
        detail = dups.Count == 0 ? $"{Headers().Count} messages, no (boot, seq) twice" : $"{dups.Count} duplicates, first boot {dups[0].Key.Boot} seq {dups[0].Key.Seq}";
        return dups.Count == 0;
    }

    public bool CheckReplayed(out string detail)
    {
        var h = Headers();
        int hist = h.Count(x => x.Hist);
        detail = hist > 0 ? $"{hist} journalled data messages replayed flagged historical" : "no message arrived flagged historical (nothing was replayed)";
        return hist > 0;
    }

    /// <summary>Verifies the hash chain of every event received, in sequence order per boot, boots in order.</summary>
    public bool CheckEventChain(out string detail)
    {
        var events = new List<(long Boot, long Seq, byte[] Payload)>();
        var seen = new HashSet<string>();
        foreach (var m in Messages)
        {
            if (m.Kind != "event") continue;
            try
            {
                var root = JsonDocument.Parse(m.Payload).RootElement;
                if (!root.TryGetProperty("hash", out var hash)) continue;
                if (!seen.Add(hash.GetString() ?? "")) continue;
                // The chain's own numbering: the boot counter and the event's number within the boot's event log.
                events.Add((root.GetProperty("chain_boot").GetInt64(), root.GetProperty("chain_seq").GetInt64(), m.Payload));
            }
            catch (Exception x) when (x is JsonException or InvalidOperationException or KeyNotFoundException)
            {
            }
        }
        if (events.Count == 0)
        {
            detail = "no event reached the platform";
            return false;
        }
        var v = new EventChainVerifier(new PlatformSha256(), null);
        foreach (var e in events.OrderBy(x => x.Boot).ThenBy(x => x.Seq))
        {
            var record = ChainRecord(e.Payload);
            v.Add(record, 0, record.Length);
        }
        detail = v.IsIntact ? $"{v.Count} events, every hash and link verified" : $"chain broken at event {v.FirstProblemIndex}: {v.FirstProblem}";
        return v.IsIntact;
    }

    /// <summary>The event record inside an MQTT event message (published as journalled).</summary>
    private static byte[] ChainRecord(byte[] payload) => payload;
}
