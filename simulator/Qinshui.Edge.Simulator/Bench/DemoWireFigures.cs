using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Bench;

/// <summary>
/// Bytes on the wire per reading in the demo site's own MQTT traffic (issue 16 #3): the demo scenario
/// (simulator/scenarios/demo-site.json, its own channels and batch interval) runs on the real gateway
/// core; the platform side counts every data message as sent. From that one run: the compact batches
/// against one message per value (ESPHome style: &lt;gateway&gt;/sensor/&lt;channel&gt;/state, the value as text
/// with the channel's decimals) for the same readings; a second run of the same demo with
/// "dataEncoding":"json" gives the JSON figure. MQTT 3.1.1 framing is counted (fixed header,
/// remaining length, topic, packet id for QoS 1, PUBACK 4 bytes).
/// </summary>
public static class DemoWireFigures
{
    public sealed record Figures(long Messages, long Readings, double CompactBytes, double PerValueQos0Bytes, double PerValueQos1Bytes, double JsonBytes, int BatchIntervalMs, int Channels)
    {
        public double Ratio => CompactBytes / PerValueQos0Bytes;
    }

    public static Figures Measure()
    {
        var compact = RunDemo("compact", out int interval, out int channels);
        var json = RunDemo("json", out _, out _);
        long readings = 0;
        long perValue0 = 0;
        long perValue1 = 0;
        var ids = new Dictionary<int, (string Id, int Dp)>();
        foreach (var m in compact.Messages)
        {
            if (m.Kind == "meta") Learn(m, ids);
            if (m.Kind != "data") continue;
            string gateway = m.Topic.Split('/')[3];
            foreach (var r in JsonDocument.Parse(m.Payload).RootElement.GetProperty("r").EnumerateArray())
            {
                readings++;
                var (id, dp) = ids.TryGetValue(r[0].GetInt32(), out var c) ? c : ("ch" + r[0].GetInt32(), 2);
                string value = r[2].ValueKind == JsonValueKind.Number ? r[2].GetDouble().ToString("F" + dp, CultureInfo.InvariantCulture) : "nan";
                int topic = Encoding.UTF8.GetByteCount(gateway + "/sensor/" + id + "/state");
                perValue0 += PublishBytes(topic, value.Length, false);
                perValue1 += PublishBytes(topic, value.Length, true) + 4;
            }
        }
        long jsonReadings = json.Messages.Where(m => m.Kind == "data").Sum(m => (long)JsonDocument.Parse(m.Payload).RootElement.GetProperty("r").GetArrayLength());
        return new Figures(compact.DataMessages, readings,
            (double)WireBytes(compact) / readings, (double)perValue0 / readings, (double)perValue1 / readings,
            (double)WireBytes(json) / jsonReadings, interval, channels);
    }

    public static void Print(Figures f, TextWriter o)
    {
        var inv = CultureInfo.InvariantCulture;
        o.WriteLine();
        o.WriteLine(string.Format(inv, "bytes on the wire per reading, the demo site's own traffic (qedge sim demo, {0} channels, batch interval {1} ms, MQTT 3.1.1 framing)", f.Channels, f.BatchIntervalMs));
        o.WriteLine(string.Format(inv, "  compact batches, QoS 1 + PUBACK            : {0,7:F2} B  ({1} messages, {2} readings, {3:F1} readings/message)", f.CompactBytes, f.Messages, f.Readings, (double)f.Readings / f.Messages));
        o.WriteLine(string.Format(inv, "  one message per value, QoS 0 (ESPHome)     : {0,7:F2} B  (same readings, same run)", f.PerValueQos0Bytes));
        o.WriteLine(string.Format(inv, "  one message per value, QoS 1 + PUBACK      : {0,7:F2} B", f.PerValueQos1Bytes));
        o.WriteLine(string.Format(inv, "  JSON batches (\"dataEncoding\":\"json\")       : {0,7:F2} B  (second run of the same demo)", f.JsonBytes));
        o.WriteLine(string.Format(inv, "  compact / one message per value (QoS 0)    : {0,7:F3}    (target <= 0.25; JSON: {1:F3})", f.Ratio, f.JsonBytes / f.PerValueQos0Bytes));
    }

    private static long WireBytes(PlatformInbox inbox) => inbox.DataWireBytes;

    private static long PublishBytes(int topicLength, int payloadLength, bool qos1)
    {
        long remaining = 2 + topicLength + (qos1 ? 2 : 0) + payloadLength;
        int varint = remaining < 128 ? 1 : remaining < 16384 ? 2 : 3;
        return 1 + varint + remaining;
    }

    private static void Learn(PlatformMessage m, Dictionary<int, (string, int)> ids)
    {
        var root = JsonDocument.Parse(m.Payload).RootElement;
        if (!root.TryGetProperty("channels", out var list)) return;
        int i = root.GetProperty("first").GetInt32();
        foreach (var c in list.EnumerateArray())
            ids[i++] = (c.GetProperty("id").GetString() ?? "", c.TryGetProperty("dp", out var dp) ? dp.GetInt32() : 2);
    }

    private static PlatformInbox RunDemo(string encoding, out int batchIntervalMs, out int channels)
    {
        using var s = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("demo-site.json")
            ?? throw new InvalidOperationException("demo-site.json is not embedded");
        var root = JsonNode.Parse(s)!;
        var mqtt = root["gateway"]!["config"]!["mqtt"]!.AsObject();
        mqtt["dataEncoding"] = encoding;
        batchIntervalMs = (int?)mqtt["dataBatchIntervalMs"] ?? 5000;
        channels = root["gateway"]!["config"]!["channels"]!.AsArray().Count;
        var scenario = ScenarioLoader.Parse(root.ToJsonString(), "demo-site.json");
        var run = new ScenarioRun(scenario, new RealGatewayFactory());
        run.RunToEnd();
        return ((RealGateway)run.Gateway).Platform.Inbox;
    }
}
