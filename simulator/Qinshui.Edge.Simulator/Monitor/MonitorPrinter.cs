using System.Globalization;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Desktop.Platform.Feed;
using Qinshui.Edge.Simulator.Platform;

namespace Qinshui.Edge.Simulator.Monitor;

/// <summary>
/// What <c>qedge monitor</c> prints for each message: decoded with the gateway's birth and meta pages
/// (<see cref="GatewayFeed"/>) into named channels with values, units and limits, alarm level changes,
/// zone states with their causes and "reset needed", welding and other events, and the gaps and
/// duplicates the platform's rule finds (<see cref="StreamChecker"/>, docs/mqtt.md "Deciding a gap").
/// With <c>raw</c> it prints the JSON as it arrived instead. Pure: no I/O, no clock of its own.
/// </summary>
public sealed class MonitorPrinter
{
    private readonly bool _raw;
    private readonly string _lang;
    private readonly GatewayFeed _feed = new();
    private readonly Qinshui.Edge.Desktop.Mqtt.CompactDataTranscoder _transcoder = new();
    private GatewayView? _completed;

    public MonitorPrinter(bool raw, string lang, long gapGraceMs = 2_000)
    {
        _raw = raw;
        _lang = lang;
        Checker = new StreamChecker { GapGraceMs = gapGraceMs };
        _feed.MetadataChanged += v => _completed = v;
    }

    public StreamChecker Checker { get; }
    public GatewayFeed Feed => _feed;

    /// <summary>The lines for one message (decoded, or raw), followed by any problem it revealed.</summary>
    /// <param name="nowMs">monotonic ms of the monitor (gap grace)</param>
    /// <param name="utcMs">when it arrived, UTC ms (shown)</param>
    public List<string> Accept(string topic, byte[] payload, bool retained, long nowMs, long utcMs)
    {
        var lines = new List<string>();
        _completed = null;
        // A compact data batch (docs/mqtt.md "Compact data") is read in its JSON form, as the platform reads it.
        byte[] wire = payload;
        payload = _transcoder.Normalize(topic, wire);
        bool compact = !ReferenceEquals(payload, wire);
        bool decoded = _feed.Accept(topic, payload, utcMs);
        var problems = Checker.Check(topic, payload, retained, nowMs);
        string stamp = DateTimeOffset.FromUnixTimeMilliseconds(utcMs).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        if (_raw || !decoded)
        {
            string text = Encoding.UTF8.GetString(payload);
            lines.Add($"{stamp} {topic}{(retained ? " (retained)" : "")}{(compact ? $" (compact, {wire.Length} B)" : "")} {(text.Length > 160 ? text[..160] + "…" : text)}");
        }
        else
        {
            string[] parts = topic.Split('/');
            var view = _feed.Gateways[parts[2] + "/" + parts[3]];
            using var doc = JsonDocument.Parse(payload);
            foreach (var l in MonitorLines.Describe(view, parts[4], doc.RootElement, _completed == view, _lang))
                lines.Add(lines.Count == 0 ? $"{stamp} {view.Site}/{view.Gateway} {l}" : "    " + l);
        }
        lines.AddRange(problems.Select(Problem));
        return lines;
    }

    /// <summary>Gaps decided since the last message (the journal was reported empty and the grace passed).</summary>
    public List<string> Expire(long nowMs) => Checker.ExpireGaps(nowMs).Select(Problem).ToList();

    /// <summary>The closing line: messages per kind, gaps, duplicates, malformed.</summary>
    public string Summary()
    {
        int gaps = Checker.Problems.Count(p => p.Kind == "gap"), dups = Checker.Problems.Count(p => p.Kind == "duplicate");
        int bad = Checker.Problems.Count(p => p.Kind is "schema" or "topic");
        string kinds = string.Join(", ", Checker.PerKind.Select(k => $"{k.Key} {k.Value}"));
        return _lang == "zh"
            ? $"共 {Checker.Messages} 条消息（{kinds}）；缺失 {gaps} 处，重复 {dups} 条，格式错误 {bad} 条"
            : $"{Checker.Messages} messages ({kinds}); {gaps} gap(s), {dups} duplicate(s), {bad} malformed";
    }

    private string Problem(StreamProblem p)
    {
        string kind = _lang != "zh" ? p.Kind : p.Kind switch
        {
            "gap" => "缺失",
            "duplicate" => "重复",
            "schema" => "格式错误",
            "topic" => "主题错误",
            _ => p.Kind,
        };
        return $"  !! {kind}: {p.Topic}: {p.Detail}";
    }
}
