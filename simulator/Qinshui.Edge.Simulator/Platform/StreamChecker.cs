using System.Text.Json;

namespace Qinshui.Edge.Simulator.Platform;

/// <summary>One problem the platform side found in what arrived.</summary>
public sealed record StreamProblem(string Kind, string Topic, string Detail);

/// <summary>
/// What the platform checks on every message under qinshui/v1/#: the common header every kind
/// carries ({"v":1,"boot":"8 hex","seq":n,"ts":utcMs}; hash-chained events add their chain place as
/// chain_boot/chain_seq, docs/events.md), each kind against its schema in docs/schemas
/// (<see cref="PayloadSchemas"/>), and per gateway and boot the sequence numbers: a number seen twice
/// is a duplicate; a number missing is a gap only once the gateway reports an empty journal, as
/// <see cref="SequenceTracker"/> (and docs/mqtt.md, "Deciding a gap") say — arrival order is not
/// sequence order. Retained messages (the last state) and the last will are not sequence-checked.
/// </summary>
public sealed class StreamChecker
{
    private readonly Dictionary<string, SequenceTracker> _gateways = new(StringComparer.Ordinal);
    private readonly List<StreamProblem> _problems = new();

    /// <summary>Wait after the journal was reported empty, for messages the broker reordered between topics.</summary>
    public long GapGraceMs { get; init; } = 2_000;
    public IReadOnlyList<StreamProblem> Problems => _problems;
    public long Messages { get; private set; }
    public Dictionary<string, long> PerKind { get; } = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, string[]> s_required = new(StringComparer.Ordinal)
    {
        ["birth"] = ["site", "gateway", "fw", "cfg", "channel_count", "pages"],
        ["meta"] = ["cfg", "page", "pages", "first"],
        ["data"] = ["cfg", "r"],
        ["alarm"] = ["channel", "transition"],
        ["state"] = ["state"],
        ["reply"] = ["id", "cmd", "ok", "code"],
        ["health"] = ["uptime_ms"],
    };

    /// <summary>Checks one message; returns the problems it raised (also kept in <see cref="Problems"/>).</summary>
    public List<StreamProblem> Check(string topic, byte[] payload, bool retained, long nowMs)
    {
        Messages++;
        var found = new List<StreamProblem>();
        string[] parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "qinshui" || parts[1] != "v1")
        {
            found.Add(new StreamProblem("topic", topic, "not qinshui/v1/{site}/{gateway}/{kind}"));
            return Keep(found);
        }
        string kind = parts[4];
        PerKind[kind] = PerKind.GetValueOrDefault(kind) + 1;
        if (kind == "cmd") return found;
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(payload).RootElement.Clone();
        }
        catch (JsonException e)
        {
            found.Add(new StreamProblem("schema", topic, "not JSON: " + e.Message));
            return Keep(found);
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            found.Add(new StreamProblem("schema", topic, "not a JSON object"));
            return Keep(found);
        }
        string? boot = null;
        long seq = 0;
        if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != 1) found.Add(new StreamProblem("schema", topic, "\"v\" must be 1"));
        if (!root.TryGetProperty("boot", out var b) || b.ValueKind != JsonValueKind.String || b.GetString()!.Length != 8) found.Add(new StreamProblem("schema", topic, "\"boot\" must be the 8-hex boot id"));
        else boot = b.GetString();
        if (!root.TryGetProperty("ts", out var ts) || ts.ValueKind != JsonValueKind.Number) found.Add(new StreamProblem("schema", topic, "\"ts\" (UTC ms) missing"));
        if (PayloadSchemas.Has(kind))
        {
            foreach (var p in PayloadSchemas.Check(kind, root)) found.Add(new StreamProblem("schema", topic, p));
        }
        else if (s_required.TryGetValue(kind, out var fields))
        {
            foreach (var f in fields)
                if (!root.TryGetProperty(f, out _)) found.Add(new StreamProblem("schema", topic, $"{kind} without \"{f}\""));
        }
        bool will = root.TryGetProperty("will", out var w) && w.ValueKind == JsonValueKind.True;
        if (!root.TryGetProperty("seq", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out seq) || seq < (will ? 0 : 1))
            found.Add(new StreamProblem("schema", topic, "\"seq\" must be a positive integer"));
        if (boot != null && seq > 0 && !retained && !will)
        {
            string key = parts[2] + "/" + parts[3];
            if (!_gateways.TryGetValue(key, out var tracker)) _gateways[key] = tracker = new SequenceTracker(GapGraceMs);
            long? nb = kind == "data" && root.TryGetProperty("nb", out var n) && n.TryGetInt64(out long nbv) ? nbv : null;
            bool connection = kind == "birth" || (kind == "state" && root.TryGetProperty("state", out var st) && st.ValueEquals("online"));
            if (!tracker.Add(boot, seq, kind, nb, connection)) found.Add(new StreamProblem("duplicate", topic, $"boot {boot} seq {seq} received twice"));
            else if (kind == "health" && JournalEmpty(root)) tracker.JournalDrained(boot, seq, nowMs);
        }
        found.AddRange(DueGaps(nowMs));
        return Keep(found);
    }

    /// <summary>Sequence numbers decided missing (journal reported empty) and past the grace: each reported once as a gap.</summary>
    public List<StreamProblem> ExpireGaps(long nowMs) => Keep(DueGaps(nowMs));

    private List<StreamProblem> DueGaps(long nowMs)
    {
        var gaps = new List<StreamProblem>();
        foreach (var (key, tracker) in _gateways)
        {
            foreach (var (boot, seqs) in tracker.Expire(nowMs))
                gaps.Add(new StreamProblem("gap", key + "/" + boot, $"{seqs.Count} message(s) never arrived although the journal is empty: seq {string.Join(",", seqs.Take(8))}{(seqs.Count > 8 ? ",…" : "")}"));
        }
        return gaps;
    }

    private static bool JournalEmpty(JsonElement health) =>
        health.TryGetProperty("journal", out var j) && j.ValueKind == JsonValueKind.Object
        && j.TryGetProperty("pending_data", out var d) && d.TryGetInt64(out long pd) && pd == 0
        && j.TryGetProperty("pending_priority", out var p) && p.TryGetInt64(out long pp) && pp == 0;

    private List<StreamProblem> Keep(List<StreamProblem> found)
    {
        _problems.AddRange(found);
        return found;
    }
}
