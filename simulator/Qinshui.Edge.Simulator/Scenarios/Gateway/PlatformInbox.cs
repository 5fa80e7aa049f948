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
/// Bounded for long runs (issue 16 #7: a 24 h run kept every payload, 86,400 data batches, and every
/// step copied the whole list): each message's header is digested as it arrives
/// (<see cref="PlatformHeaderDigest"/>), and beyond the first <see cref="KeepDataPayloads"/> data
/// messages a data message is kept without its payload (time, topic and kind still count).
/// <see cref="Messages"/> is a view of the append-only list, not a copy.
/// </summary>
public sealed class PlatformInbox
{
    /// <summary>Data payloads kept whole: far more than any shipped scenario sends (8 min ≈ 500), about 20 min of the demo.</summary>
    public const int KeepDataPayloads = 20_000;

    private readonly List<PlatformMessage> _messages = new();
    private readonly object _gate = new();
    private readonly PlatformHeaderDigest _digest = new();
    private readonly int _keepDataPayloads;
    private int _dataKept;

    public PlatformInbox(int keepDataPayloads = KeepDataPayloads)
    {
        _keepDataPayloads = keepDataPayloads;
    }

    /// <summary>Everything received so far, in arrival order (data beyond the limit without payload). A live view.</summary>
    public IReadOnlyList<PlatformMessage> Messages => new View(this, Count);

    public int Count
    {
        get { lock (_gate) return _messages.Count; }
    }

    /// <summary>Data messages whose payload was dropped to bound memory.</summary>
    public long DataPayloadsDropped { get; private set; }


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
            if (!ReferenceEquals(json, m.Payload)) m = m with { Payload = json };
            _digest.Add(m);
            if (m.Kind == "data" && _dataKept++ >= _keepDataPayloads)
            {
                m = m with { Payload = [] };
                DataPayloadsDropped++;
            }
            _messages.Add(m);
        }
    }

    private PlatformMessage At(int index)
    {
        lock (_gate) return _messages[index];
    }

    /// <summary>Sequence numbers missing per boot, below the highest one received of that boot (retained state messages excluded).</summary>
    public bool CheckNoGaps(out string detail)
    {
        lock (_gate) return _digest.CheckNoGaps(out detail);
    }

    public bool CheckNoDuplicates(out string detail)
    {
        lock (_gate) return _digest.CheckNoDuplicates(out detail);
    }

    public bool CheckReplayed(out string detail)
    {
        lock (_gate) return _digest.CheckReplayed(out detail);
    }

    /// <summary>The first <paramref name="count"/> messages: indexes stay valid as more arrive (the list only grows).</summary>
    private sealed class View(PlatformInbox inbox, int count) : IReadOnlyList<PlatformMessage>
    {
        public PlatformMessage this[int index] => (uint)index < (uint)count ? inbox.At(index) : throw new ArgumentOutOfRangeException(nameof(index));
        public int Count => count;

        public IEnumerator<PlatformMessage> GetEnumerator()
        {
            for (int i = 0; i < count; i++) yield return inbox.At(i);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
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
