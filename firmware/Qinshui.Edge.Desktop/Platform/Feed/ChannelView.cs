using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>One channel of a gateway as the platform sees it: its metadata (meta page item), its newest
/// reading with quality, and the state of each of its alarm levels (alarm messages).</summary>
public sealed class ChannelView
{
    // Quality bits of docs/mqtt.md ("data"): which of them make the value unusable.
    private const int QualityOutOfRange = 4;
    private const int QualityInhibited = 32;
    private const int QualityCalibrationOverdue = 64;
    private const int QualityClockUntrusted = 128;
    /// <summary>Bits that still leave a usable value: calibration overdue and clock untrusted are warnings.</summary>
    private const int QualityUsableBits = QualityCalibrationOverdue | QualityClockUntrusted;

    public int Index { get; private init; }
    public required string Id { get; init; }
    public required string Unit { get; init; }
    public string Profile { get; private init; } = "";
    public string Standard { get; private init; } = "";
    public IReadOnlyList<LevelView> Levels { get; private init; } = [];

    /// <summary>Newest value; null when the gateway sent none (bad quality) or nothing arrived yet.</summary>
    public double? Value { get; private set; }
    /// <summary>Quality bits of the newest reading; -1 before any reading arrived.</summary>
    public int Quality { get; private set; } = -1;
    public long ReadingUtcMs { get; private set; }
    /// <summary>Level kind (warning, alarm, trip, trip2; "alarm:stel" for a STEL/TWA level) → its state (normal, pending, active, cleared_awaiting_reset, fault, inhibited).</summary>
    public Dictionary<string, string> LevelStates { get; } = new(StringComparer.Ordinal);
    /// <summary>Readings kept for a live plot, oldest first: at most <see cref="HistoryCapacity"/>, value null when bad.</summary>
    public IReadOnlyList<ChannelPoint> History => _history;
    public const int HistoryCapacity = 600;
    private readonly List<ChannelPoint> _history = new();
    /// <summary>A latched level cleared and waits for a person's reset (state cleared_awaiting_reset).</summary>
    public bool ResetNeeded => LevelStates.Values.Any(s => s == "cleared_awaiting_reset");

    internal static ChannelView FromMeta(int index, JsonElement item, ChannelView? previous)
    {
        var levels = new List<LevelView>();
        if (item.TryGetProperty("levels", out var ls) && ls.ValueKind == JsonValueKind.Array)
            foreach (var l in ls.EnumerateArray()) levels.Add(LevelView.FromMeta(l));
        var c = new ChannelView
        {
            Index = index,
            Id = GatewayView.Str(item, "id") ?? "",
            Unit = GatewayView.Str(item, "unit") ?? "",
            Profile = GatewayView.Str(item, "profile") ?? "",
            Standard = GatewayView.Str(item, "standard") ?? "",
            Levels = levels,
        };
        if (previous != null && previous.Unit == c.Unit)
        {
            // Same channel after a rebirth: what was known of it stays known.
            c.Value = previous.Value;
            c.Quality = previous.Quality;
            c.ReadingUtcMs = previous.ReadingUtcMs;
            foreach (var kv in previous.LevelStates) c.LevelStates[kv.Key] = kv.Value;
            c._history.AddRange(previous._history);
        }
        return c;
    }

    internal void Observe(long utcMs, double? value, int quality, bool onlyIfNewer = true)
    {
        if (onlyIfNewer && utcMs < ReadingUtcMs) return;
        bool newer = utcMs > ReadingUtcMs || _history.Count == 0;
        ReadingUtcMs = Math.Max(ReadingUtcMs, utcMs);
        Quality = quality;
        Value = (quality & ~QualityUsableBits) == 0 ? value : null;
        if (!newer) return;
        if (_history.Count == HistoryCapacity) _history.RemoveAt(0);
        _history.Add(new ChannelPoint(utcMs, Value));
    }

    /// <summary>
    /// The channel's status in the MT/T 1201.1 status bits (docs/mtt1201.md): 1 alarm, 2 power cut,
    /// 4 calibration, 8 over-range, 16 substation fault, 128 sensor fault. Bad or unknown data is a
    /// fault, never a value: no reading yet, any quality bit that makes the value unusable (other than
    /// out-of-range and inhibited, which have their own bits) or a gateway gone offline.
    /// </summary>
    public int Status(bool gatewayOnline)
    {
        int status = 0;
        if (!gatewayOnline) status |= ChannelStatus.SubstationFault;
        if (Quality < 0) status |= ChannelStatus.SensorFault;
        else
        {
            if ((Quality & QualityOutOfRange) != 0) status |= ChannelStatus.OverRange;
            if ((Quality & QualityInhibited) != 0) status |= ChannelStatus.Calibration;
            if ((Quality & ~(QualityUsableBits | QualityOutOfRange | QualityInhibited)) != 0) status |= ChannelStatus.SensorFault;
        }
        foreach (var kv in LevelStates)
        {
            string kind = kv.Key.Split(':')[0];
            bool trip = kind is "trip" or "trip2";
            bool on = kv.Value is "active" || (trip && kv.Value is "cleared_awaiting_reset");
            if (!on) continue;
            if (kind != "warning") status |= ChannelStatus.Alarm;
            if (trip) status |= ChannelStatus.PowerCut;
        }
        return status;
    }
}

/// <summary>The MT/T 1201.1-2023 status bits (reconstructed from public implementations; docs/mtt1201.md).</summary>
public static class ChannelStatus
{
    public const int Normal = 0;
    public const int Alarm = 1;
    public const int PowerCut = 2;
    public const int Calibration = 4;
    public const int OverRange = 8;
    public const int SubstationFault = 16;
    public const int SensorFault = 128;
}

/// <summary>One reading of a channel's plot: when (UTC ms) and its value, null when bad.</summary>
public readonly record struct ChannelPoint(long UtcMs, double? Value);

/// <summary>One alarm level of a channel as its meta item states it.</summary>
public sealed record LevelView(string Kind, string Source, string Direction, double Threshold, double Restore, bool Latching)
{
    internal static LevelView FromMeta(JsonElement l) => new(
        GatewayView.Str(l, "kind") ?? "", GatewayView.Str(l, "source") ?? "instant", GatewayView.Str(l, "dir") ?? "high",
        l.TryGetProperty("threshold", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : double.NaN,
        l.TryGetProperty("restore", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : double.NaN,
        l.TryGetProperty("latching", out var la) && la.ValueKind == JsonValueKind.True);
}
