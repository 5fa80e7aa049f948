using System.Text;
using Qinshui.Edge.Desktop.Platform.Feed;

namespace Qinshui.Edge.Desktop.Platform.Mtt1201;

/// <param name="MineCode">12 digits</param>
/// <param name="RealTimePeriodMs">how often a CDSS file is written</param>
public sealed record Mtt1201Options(string MineCode, string MineName, string OutDir, long RealTimePeriodMs, PointCatalog Catalog);

/// <summary>
/// Writes what a gateway feed knows as MT/T 1201.1 files (layout: <see cref="Mtt1201Format"/>):
/// the point definitions (CDDY) when a gateway's metadata arrives or changes, the real-time values
/// (CDSS) every period, and the anomalies (YCBJ) when a point's status changes. Every file appears
/// whole (<see cref="AtomicFile"/>). Time is given by the caller (<see cref="Tick"/>), so a test
/// runs a day in a loop. Analog points (MN) are the gateways' channels; switch points (KG) are their
/// zones' permissive outputs (1 powered, 0 cut). Not thread-safe: the caller serialises the feed
/// and the ticks.
/// </summary>
public sealed class Mtt1201Bridge
{
    private readonly Mtt1201Options _options;
    private readonly GatewayFeed _feed;
    private readonly PointRegistry _registry;
    private readonly Dictionary<string, OpenAnomaly> _open = new(StringComparer.Ordinal);
    private readonly List<string> _pendingAnomalies = new();
    private readonly Dictionary<string, long> _lastFileSecond = new(StringComparer.Ordinal);
    private bool _definitionsDue;
    private long _nextRealTimeUtcMs;

    public Mtt1201Bridge(Mtt1201Options options, GatewayFeed feed)
    {
        if (!Mtt1201Format.IsMineCode(options.MineCode)) throw new UsageException($"mine code '{options.MineCode}' is not 12 digits");
        if (options.RealTimePeriodMs < 1000) throw new UsageException("the real-time period must be at least 1 s (files are named to the second)");
        Directory.CreateDirectory(options.OutDir);
        _options = options;
        _feed = feed;
        _registry = PointRegistry.Open(options.OutDir);
        feed.MetadataChanged += _ => _definitionsDue = true;
        feed.Anomaly += OnAnomaly;
    }

    /// <summary>Files written so far, oldest first (full paths).</summary>
    public List<string> Written { get; } = new();

    /// <summary>Writes whatever is due at this instant: definitions, anomalies, then the real-time file.</summary>
    public void Tick(long nowUtcMs)
    {
        if (_definitionsDue)
        {
            _definitionsDue = false;
            WriteDefinitions(nowUtcMs);
        }
        if (_pendingAnomalies.Count > 0) WriteAnomalies(nowUtcMs);
        if (nowUtcMs >= _nextRealTimeUtcMs && Points().Any())
        {
            WriteRealTime(nowUtcMs);
            _nextRealTimeUtcMs = nowUtcMs + _options.RealTimePeriodMs;
        }
    }

    private void WriteDefinitions(long nowUtcMs)
    {
        long fileUtcMs = FileTime(Mtt1201Format.PointDefinitions, nowUtcMs);
        var file = Mtt1201Format.Begin(_options.MineCode, _options.MineName, fileUtcMs);
        foreach (var p in Points())
        {
            string substation = _registry.NumberOf($"substation:{p.Gateway.Site}/{p.Gateway.Gateway}").ToString("D3");
            if (p.Channel is ChannelView c)
            {
                var alarm = Level(c, "alarm") ?? Level(c, "warning");
                var cut = Level(c, "trip");
                bool low = (alarm ?? cut)?.Direction == "low";
                Mtt1201Format.AppendRecord(file, p.Code, Mtt1201Format.SystemCode, substation, p.SensorType, Mtt1201Format.Analog,
                    p.Name, p.Location, c.Unit, Mtt1201Format.Number(p.Info.RangeLow), Mtt1201Format.Number(p.Info.RangeHigh),
                    low ? "" : Mtt1201Format.Number(alarm?.Threshold), low ? Mtt1201Format.Number(alarm?.Threshold) : "",
                    low ? "" : Mtt1201Format.Number(cut?.Threshold), low ? Mtt1201Format.Number(cut?.Threshold) : "",
                    low ? "" : Mtt1201Format.Number((cut ?? alarm)?.Restore), low ? Mtt1201Format.Number((cut ?? alarm)?.Restore) : "",
                    "", "", Mtt1201Format.Time(nowUtcMs));
            }
            else
            {
                Mtt1201Format.AppendRecord(file, p.Code, Mtt1201Format.SystemCode, substation, p.SensorType, Mtt1201Format.Switch,
                    p.Name, p.Location, "", "", "", "", "", "", "", "", "", "断电", "供电", Mtt1201Format.Time(nowUtcMs));
            }
        }
        Write(Mtt1201Format.PointDefinitions, fileUtcMs, file);
    }

    private void WriteRealTime(long nowUtcMs)
    {
        long fileUtcMs = FileTime(Mtt1201Format.RealTime, nowUtcMs);
        var file = Mtt1201Format.Begin(_options.MineCode, _options.MineName, fileUtcMs);
        foreach (var p in Points())
        {
            var (value, status, at) = Current(p);
            Mtt1201Format.AppendRecord(file, p.Code, p.Name, p.Location, value, p.Channel?.Unit ?? "", status.ToString(),
                at > 0 ? Mtt1201Format.Time(at) : "");
        }
        Write(Mtt1201Format.RealTime, fileUtcMs, file);
    }

    private void WriteAnomalies(long nowUtcMs)
    {
        long fileUtcMs = FileTime(Mtt1201Format.Anomalies, nowUtcMs);
        var file = Mtt1201Format.Begin(_options.MineCode, _options.MineName, fileUtcMs);
        foreach (var record in _pendingAnomalies) file.Append(record);
        _pendingAnomalies.Clear();
        Write(Mtt1201Format.Anomalies, fileUtcMs, file);
    }

    private void OnAnomaly(GatewayView gateway, FeedAnomaly a)
    {
        var point = Points().FirstOrDefault(p => p.Gateway == gateway && p.Id == a.Subject);
        if (point == null) return;
        if (_open.Remove(point.Code, out var open)) Append(point, open.Status, open.Value, open.SinceUtcMs, a.AtUtcMs);
        if (a.StatusAfter != ChannelStatus.Normal)
        {
            _open[point.Code] = new OpenAnomaly(a.StatusAfter, a.Value, a.AtUtcMs);
            Append(point, a.StatusAfter, a.Value, a.AtUtcMs, null);
        }
    }

    /// <summary>YCBJ record: point code; name; location; status; value; unit; begin; end (empty while it lasts).</summary>
    private void Append(Point p, int status, double? value, long beginUtcMs, long? endUtcMs)
    {
        var sb = new StringBuilder();
        Mtt1201Format.AppendRecord(sb, p.Code, p.Name, p.Location, status.ToString(), Mtt1201Format.Number(value), p.Channel?.Unit ?? "",
            Mtt1201Format.Time(beginUtcMs), endUtcMs is long end ? Mtt1201Format.Time(end) : "");
        _pendingAnomalies.Add(sb.ToString());
    }

    private (string Value, int Status, long AtUtcMs) Current(Point p)
    {
        bool online = p.Gateway.Online;
        if (p.Channel is ChannelView c)
        {
            int status = c.Status(online);
            // Bad or unknown data gets its fault status and no value, never a made-up one.
            const int noValue = ChannelStatus.SensorFault | ChannelStatus.SubstationFault;
            string value = (status & noValue) == 0 ? Mtt1201Format.Number(c.Value) : "";
            if (value.Length == 0 && (status & (noValue | ChannelStatus.OverRange | ChannelStatus.Calibration)) == 0) status |= ChannelStatus.SensorFault;
            return (value, status, c.ReadingUtcMs);
        }
        var z = p.Zone!;
        if (!online || !z.Known) return ("", ChannelStatus.SubstationFault, 0);
        return (z.Permitted ? "1" : "0", z.Permitted ? ChannelStatus.Normal : ChannelStatus.PowerCut, p.Gateway.LastHeardUtcMs);
    }

    /// <summary>The file's time, to the second: later than the previous file of its type, so two files never share a name.</summary>
    private long FileTime(string type, long nowUtcMs)
    {
        long second = nowUtcMs / 1000;
        if (_lastFileSecond.TryGetValue(type, out long last) && second <= last) second = last + 1;
        _lastFileSecond[type] = second;
        return second * 1000;
    }

    private void Write(string type, long fileUtcMs, StringBuilder file)
    {
        string path = Path.Combine(_options.OutDir, Mtt1201Format.FileName(_options.MineCode, type, DateTimeOffset.FromUnixTimeMilliseconds(fileUtcMs)));
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(Mtt1201Format.End(file)));
        Written.Add(path);
    }

    private IEnumerable<Point> Points()
    {
        foreach (var g in _feed.Gateways.Values.OrderBy(g => g.Site, StringComparer.Ordinal).ThenBy(g => g.Gateway, StringComparer.Ordinal))
        {
            foreach (var c in g.Channels) yield return MakePoint(g, c.Id, c, null);
            foreach (var z in g.Zones) yield return MakePoint(g, z.Id, null, z);
        }
    }

    private Point MakePoint(GatewayView g, string id, ChannelView? c, ZoneView? z)
    {
        var info = _options.Catalog.For(g, id);
        string valueType = c != null ? Mtt1201Format.Analog : Mtt1201Format.Switch;
        string sensorType = info.SensorType ?? (c != null ? PointCatalog.ProvisionalSensorType(c.Profile, c.Unit) : "0100");
        int number = _registry.NumberOf($"point:{g.Site}/{g.Gateway}/{valueType}/{id}");
        return new Point(g, id, c, z, info, Mtt1201Format.PointCode(_options.MineCode, valueType, sensorType, number), sensorType,
            info.Name ?? id, info.Location ?? g.Gateway);
    }

    private static LevelView? Level(ChannelView c, string kind) => c.Levels.FirstOrDefault(l => l.Kind == kind && l.Source == "instant");

    private sealed record Point(GatewayView Gateway, string Id, ChannelView? Channel, ZoneView? Zone, PointInfo Info, string Code, string SensorType, string Name, string Location);

    private sealed record OpenAnomaly(int Status, double? Value, long SinceUtcMs);
}
