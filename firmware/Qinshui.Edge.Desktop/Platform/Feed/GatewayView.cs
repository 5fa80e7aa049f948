using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>One gateway as the platform sees it: metadata from its last complete birth, the newest
/// reading and level states of each channel, its zones' states, and whether it is online.</summary>
public sealed class GatewayView(string site, string gateway)
{
    private readonly Dictionary<int, JsonElement[]> _pendingPages = new();
    private string? _pendingBoot;
    private string? _pendingCfg;
    private int _pendingPageCount;

    public string Site { get; } = site;
    public string Gateway { get; } = gateway;
    public string? Boot { get; private set; }
    public string? ConfigHash { get; private set; }
    public bool Online { get; private set; }
    public bool ClockTrusted { get; private set; } = true;
    public long LastHeardUtcMs { get; internal set; }
    public IReadOnlyList<ChannelView> Channels { get; private set; } = [];
    public IReadOnlyList<ZoneView> Zones { get; private set; } = [];

    /// <summary>The newest events and alarm transitions, oldest first (at most <see cref="LogCapacity"/>).</summary>
    public IReadOnlyList<FeedEvent> Log => _log;
    public const int LogCapacity = 200;
    /// <summary>Welding sessions seen, per station the newest (started or ended).</summary>
    public IReadOnlyDictionary<string, WeldingSessionView> Welding => _welding;
    private readonly List<FeedEvent> _log = new();
    private readonly Dictionary<string, WeldingSessionView> _welding = new(StringComparer.Ordinal);

    public ChannelView? Channel(string id) => Channels.FirstOrDefault(c => c.Id == id);

    /// <summary>Each zone output with its command and any feedback fault its zone reported.</summary>
    public IReadOnlyList<RelayView> Relays() =>
        Zones.SelectMany(z => z.Outputs.Select(o => new RelayView(o, z.Id, z.Known, z.Known && z.Permitted,
            z.Causes.FirstOrDefault(c => c.IsFeedbackFault && c.Subject == o)))).ToList();

    private void AddToLog(FeedEvent e)
    {
        if (_log.Count == LogCapacity) _log.RemoveAt(0);
        _log.Add(e);
    }

    /// <summary>Keeps an event in the log and follows welding sessions (any event, chained or plain).</summary>
    internal void LogEvent(JsonElement root)
    {
        string kind = Str(root, "kind") ?? Str(root, "code") ?? "event";
        string subject = Str(root, "subject") ?? "";
        long at = root.TryGetProperty("utcMs", out var u) && u.TryGetInt64(out long x) ? x : root.TryGetProperty("ts", out var t) && t.TryGetInt64(out long y) ? y : 0;
        string sev = Str(root, "sev") ?? (kind is "zone_tripped" or "fault" or "bypass_suspected" or "tamper" ? "alarm" : "info");
        AddToLog(new FeedEvent(at, kind, sev, subject, Str(root, "reason") ?? "", Str(root, "en") ?? "", Str(root, "zh") ?? ""));
        if (kind == "welding_session_started") _welding[subject] = WeldingSessionView.Started(root);
        else if (kind == "welding_session_ended" && _welding.TryGetValue(subject, out var s) && s.Active) s.Ended(root);
    }

    private void LogAlarm(ChannelView channel, JsonElement root, long at)
    {
        string transition = Str(root, "transition") ?? "";
        string level = Str(root, "level") ?? "";
        double? value = Number(root, "value");
        string shown = value is double v ? $" ({v:0.###} {channel.Unit})" : "";
        string en = transition == "level_changed" ? $"{channel.Id} {level}: {Str(root, "from")} → {Str(root, "to")}{shown}" : $"{channel.Id}: {transition}{shown}";
        string zh = transition == "level_changed"
            ? $"{channel.Id} {FeedText.LevelZh(level)}：{FeedText.StateZh(Str(root, "from") ?? "")} → {FeedText.StateZh(Str(root, "to") ?? "")}{shown}"
            : $"{channel.Id}：{FeedText.TransitionZh(transition)}{shown}";
        bool alarming = Str(root, "to") is "active" && level != "warning";
        AddToLog(new FeedEvent(at, "alarm", alarming ? "alarm" : "info", channel.Id, transition, en, zh));
    }

    internal void OnBirth(JsonElement root)
    {
        _pendingBoot = Str(root, "boot");
        _pendingCfg = Str(root, "cfg");
        _pendingPageCount = root.TryGetProperty("pages", out var p) && p.TryGetInt32(out int n) ? n : 0;
        _pendingPages.Clear();
        if (root.TryGetProperty("clock_trusted", out var t) && t.ValueKind is JsonValueKind.True or JsonValueKind.False) ClockTrusted = t.GetBoolean();
        Online = true;
    }

    /// <summary>Keeps one page; true when this page completed the birth's set (the metadata was replaced).</summary>
    internal bool OnMeta(JsonElement root)
    {
        if (_pendingBoot == null || Str(root, "boot") != _pendingBoot || Str(root, "cfg") != _pendingCfg) return false;
        if (!root.TryGetProperty("page", out var pe) || !pe.TryGetInt32(out int page) || page < 0 || page >= _pendingPageCount) return false;
        _pendingPages[page] = [root.Clone()];
        if (_pendingPages.Count < _pendingPageCount) return false;
        var channels = new List<ChannelView>();
        var zones = new List<ZoneView>();
        for (int i = 0; i < _pendingPageCount; i++)
        {
            var pageRoot = _pendingPages[i][0];
            if (pageRoot.TryGetProperty("channels", out var cs) && cs.ValueKind == JsonValueKind.Array)
                foreach (var c in cs.EnumerateArray()) channels.Add(ChannelView.FromMeta(channels.Count, c, Channel(Str(c, "id") ?? "")));
            if (pageRoot.TryGetProperty("zones", out var zs) && zs.ValueKind == JsonValueKind.Array)
                foreach (var z in zs.EnumerateArray()) zones.Add(ZoneView.FromMeta(z, Zones.FirstOrDefault(old => old.Id == Str(z, "id"))));
        }
        Channels = channels;
        Zones = zones;
        Boot = _pendingBoot;
        ConfigHash = _pendingCfg;
        _pendingBoot = null;
        _pendingPages.Clear();
        return true;
    }

    /// <summary>Readings: [index, ms after ts, value | null, quality]; an older reading never replaces a newer one (replayed history).</summary>
    internal void OnData(JsonElement root)
    {
        if (Str(root, "cfg") is string cfg && ConfigHash != null && !ConfigHash.StartsWith(cfg, StringComparison.Ordinal) && !cfg.StartsWith(ConfigHash, StringComparison.Ordinal)) return;
        if (!root.TryGetProperty("ts", out var tsEl) || !tsEl.TryGetInt64(out long ts)) return;
        if (!root.TryGetProperty("r", out var r) || r.ValueKind != JsonValueKind.Array) return;
        foreach (var item in r.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() < 4) continue;
            if (!item[0].TryGetInt32(out int index) || index < 0 || index >= Channels.Count) continue;
            if (!item[1].TryGetInt64(out long dt) || !item[3].TryGetInt32(out int q)) continue;
            double? value = item[2].ValueKind == JsonValueKind.Number ? item[2].GetDouble() : null;
            Channels[index].Observe(ts + dt, value, q);
        }
    }

    internal IEnumerable<FeedAnomaly> OnAlarm(JsonElement root)
    {
        var channel = Channel(Str(root, "channel") ?? "");
        if (channel == null) yield break;
        long at = root.TryGetProperty("at", out var a) && a.TryGetInt64(out long x) ? x : 0;
        string transition = Str(root, "transition") ?? "";
        int statusBefore = channel.Status(Online);
        LogAlarm(channel, root, at);
        // An instant level and a STEL/TWA level of the same kind are different levels: keyed "alarm", "alarm:stel".
        if (transition == "level_changed" && Str(root, "level") is string level && Str(root, "to") is string to)
            channel.LevelStates[Str(root, "source") is string source && source != "instant" ? level + ":" + source : level] = to;
        if (root.TryGetProperty("q", out var q) && q.TryGetInt32(out int quality)) channel.Observe(at, Number(root, "value"), quality, onlyIfNewer: false);
        int statusAfter = channel.Status(Online);
        if (statusAfter != statusBefore) yield return new FeedAnomaly(channel.Id, statusBefore, statusAfter, Number(root, "value"), at);
    }

    internal IEnumerable<FeedAnomaly> OnEvent(JsonElement root)
    {
        string? kind = Str(root, "kind");
        var zone = Zones.FirstOrDefault(z => z.Id == Str(root, "subject"));
        if (zone == null || kind == null || !root.TryGetProperty("permitted", out var p) || p.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) yield break;
        bool before = zone.Permitted;
        bool wasKnown = zone.Known;
        zone.OnZoneEvent(root, p.GetBoolean());
        long at = root.TryGetProperty("utcMs", out var u) && u.TryGetInt64(out long x) ? x : root.TryGetProperty("ts", out var t) && t.TryGetInt64(out long y) ? y : 0;
        if (before != zone.Permitted || !wasKnown) yield return new FeedAnomaly(zone.Id, before ? 0 : 2, zone.Permitted ? 0 : 2, null, at);
    }

    internal IEnumerable<FeedAnomaly> OnState(JsonElement root, long receivedUtcMs)
    {
        bool wasOnline = Online;
        Online = Str(root, "state") == "online";
        if (wasOnline == Online) yield break;
        foreach (var c in Channels) yield return new FeedAnomaly(c.Id, c.Status(wasOnline), c.Status(Online), null, receivedUtcMs);
    }

    /// <summary>A string member, or null when absent or not a string (tools reading payloads use it too).</summary>
    public static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A number member, or null when absent, null or not a number.</summary>
    public static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}

/// <summary>A status change of a channel or zone the platform lists as an anomaly (alarm, cut, fault, offline).</summary>
/// <param name="Subject">channel id, or zone id for a zone's power state</param>
/// <param name="StatusBefore">MT/T 1201.1 status bits before (see <see cref="ChannelView.Status"/>)</param>
public sealed record FeedAnomaly(string Subject, int StatusBefore, int StatusAfter, double? Value, long AtUtcMs);
