using System.Text.Json;

namespace Qinshui.Edge.Simulator.Platform;

/// <summary>One problem the platform side found in what arrived.</summary>
public sealed record StreamProblem(string Kind, string Topic, string Detail);

/// <summary>
/// What the platform checks on every message under qinshui/v1/#: the common header of
/// MessageWriter ({"v":1,"boot":"8 hex","seq":n,"ts":utcMs}), each kind against its schema in
/// docs/schemas (<see cref="PayloadSchemas"/>; hash-chained event records, docs/events.md, carry the
/// numeric boot counter, "bootId" and their own chain sequence and are checked for those), and per
/// gateway and boot the sequence numbers: a number seen twice is a duplicate; a number skipped and
/// still missing after <see cref="GapGraceMs"/> (alarms and events may overtake older data) is a gap.
/// Retained messages (the last state) are replays by design and not sequence-checked.
/// </summary>
public sealed class StreamChecker
{
    private readonly Dictionary<string, Stream> _streams = new(StringComparer.Ordinal);
    private readonly List<StreamProblem> _problems = new();

    public long GapGraceMs { get; init; } = 10_000;
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
        bool chained = kind == "event" && root.TryGetProperty("hash", out _);
        string? boot = null;
        long seq = 0;
        if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != 1) found.Add(new StreamProblem("schema", topic, "\"v\" must be 1"));
        if (chained)
        {
            if (!root.TryGetProperty("bootId", out var b) || b.ValueKind != JsonValueKind.String) found.Add(new StreamProblem("schema", topic, "chained event without \"bootId\""));
            else boot = "event:" + b.GetString();
            foreach (var f in new[] { "prev", "hash", "kind", "subject", "reason", "utcMs" })
                if (!root.TryGetProperty(f, out _)) found.Add(new StreamProblem("schema", topic, $"event without \"{f}\""));
            foreach (var p in PayloadSchemas.Check(kind, root)) found.Add(new StreamProblem("schema", topic, p));
        }
        else
        {
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
        }
        if (!root.TryGetProperty("seq", out var s) || s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out seq) || seq < 1)
            found.Add(new StreamProblem("schema", topic, "\"seq\" must be a positive integer"));
        if (boot != null && seq > 0 && !retained)
        {
            string key = parts[2] + "/" + parts[3] + "/" + boot;
            if (!_streams.TryGetValue(key, out var st)) _streams[key] = st = new Stream();
            if (!st.Seen.Add(seq)) found.Add(new StreamProblem("duplicate", topic, $"boot {boot} seq {seq} received twice"));
            else
            {
                st.Missing.Remove(seq);
                if (st.Max > 0) for (long m = st.Max + 1; m < seq; m++) st.Missing[m] = nowMs;
                if (seq > st.Max) st.Max = seq;
            }
        }
        found.AddRange(ExpireGaps(nowMs));
        return Keep(found);
    }

    /// <summary>Sequence numbers missing for longer than the grace: reported once as a gap.</summary>
    public List<StreamProblem> ExpireGaps(long nowMs)
    {
        var gaps = new List<StreamProblem>();
        foreach (var (key, st) in _streams)
        {
            var expired = st.Missing.Where(m => nowMs - m.Value >= GapGraceMs).Select(m => m.Key).OrderBy(x => x).ToList();
            if (expired.Count == 0) continue;
            foreach (var m in expired) st.Missing.Remove(m);
            gaps.Add(new StreamProblem("gap", key, $"{expired.Count} message(s) never arrived: seq {string.Join(",", expired.Take(8))}{(expired.Count > 8 ? ",…" : "")}"));
        }
        return gaps;
    }

    private List<StreamProblem> Keep(List<StreamProblem> found)
    {
        _problems.AddRange(found);
        return found;
    }

    private sealed class Stream
    {
        public HashSet<long> Seen { get; } = new();
        public Dictionary<long, long> Missing { get; } = new();
        public long Max { get; set; }
    }
}
