using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Simulator.Bench;

/// <summary>What `qedge bench mqtt` asks for: the outage length to replay, the channels, and the broker to replay against (mosquitto or embedded).</summary>
public sealed record MqttBenchOptions(int Hours, int Channels, string Broker)
{
    /// <summary>Mosquitto when it is installed, else the embedded MQTTnet broker.</summary>
    public static string DefaultBroker => File.Exists("/usr/sbin/mosquitto") ? "mosquitto" : "embedded";
}

/// <summary>
/// Bytes on the wire per reading (batched JSON against one message per value, ESPHome style),
/// journal append/replay throughput and capacity, and the replay of an outage against a real
/// broker (Mosquitto if installed, else the embedded MQTTnet server).
/// </summary>
public static class MqttBench
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("bench-key");
    private const long StartUtc = 1_790_000_000_000;

    public static ToolOutcome Run(MqttBenchOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var inv = CultureInfo.InvariantCulture;
        stdout.WriteLine($"qedge bench mqtt — {o.Channels} channels at 1 Hz");
        WireBytes(o.Channels, stdout, inv);
        DemoWireFigures.Print(DemoWireFigures.Measure(), stdout);
        Capacity(o.Channels, stdout, inv);
        JournalThroughput(o.Channels, stdout, inv);
        return Replay(o.Channels, o.Hours, o.Broker, stdout, stderr, inv).GetAwaiter().GetResult();
    }

    private static ForwardingStack Stack(VirtualClock clock, IRecordStore store, IMqttLink link, int channels, MqttSessionOptions? options = null) =>
        new(clock, store, link, ForwardingStack.DemoEngine(channels),
            new GatewayIdentity("site-1", "gw-01", "b0075eed", "bench", new string('0', 64)),
            [new ZoneInfo("z1", ["relay-1"], ["ch1"])], Key, options: options);

    /// <summary>MQTT 3.1.1 PUBLISH size: fixed header, remaining-length varint, topic, packet id (QoS 1), payload.</summary>
    private static long PublishBytes(int topicLength, int payloadLength, bool qos1)
    {
        long remaining = 2 + topicLength + (qos1 ? 2 : 0) + payloadLength;
        int varint = remaining < 128 ? 1 : remaining < 16384 ? 2 : remaining < 2097152 ? 3 : 4;
        return 1 + varint + remaining;
    }

    private static void WireBytes(int channels, TextWriter o, CultureInfo inv)
    {
        var clock = new VirtualClock(StartUtc);
        var link = new CountingLink();
        var s = Stack(clock, new Plant.MemoryJournalStore(256, 4096), link, channels, new MqttSessionOptions { InFlightWindow = 64, MaxPublishesPerStep = 64 });
        const int seconds = 3600;
        long esphome = 0;
        var value = new byte[32];
        for (int t = 0; t < seconds; t++)
        {
            s.FeedDemo(t);
            s.AfterScan();
            for (int c = 0; c < channels; c++)
            {
                // ESPHome: <node>/sensor/<name>/state, the value as text, QoS 0, no timestamp, no quality.
                int n = NumberFormat.WriteAscii(value, 0, ForwardingStack.DemoValue(c, t), 2);
                esphome += PublishBytes(("gw-01/sensor/ch" + (c + 1) + "/state").Length, n, false);
            }
            clock.Advance(1000);
        }
        s.Recorder.Flush();
        link.Connected = true;
        while (s.Journal.PendingData > 0 || s.Journal.PendingPriority > 0) s.Session.Step();
        long readings = s.Recorder.ReadingsRecorded;
        long batched = link.DataWireBytes + link.DataMessages * 4; // + PUBACK
        o.WriteLine();
        o.WriteLine("bytes on the wire per reading (1 h, MQTT 3.1.1 framing included)");
        o.WriteLine(string.Format(inv, "  batched JSON, QoS 1 + PUBACK, with timestamp and quality : {0,7:F2} B  ({1} messages, {2} readings, {3:F0} readings/message)",
            (double)batched / readings, link.DataMessages, readings, (double)readings / link.DataMessages));
        o.WriteLine(string.Format(inv, "  one message per value (ESPHome style), QoS 0, value only : {0,7:F2} B", (double)esphome / readings));
        o.WriteLine(string.Format(inv, "  same with QoS 1 + PUBACK                                 : {0,7:F2} B",
            (double)(esphome + readings * 2 + readings * 4) / readings));
    }

    private static void Capacity(int channels, TextWriter o, CultureInfo inv)
    {
        var clock = new VirtualClock(StartUtc);
        var store = new Plant.MemoryJournalStore(256, 4096);
        var s = Stack(clock, store, new CountingLink(), channels);
        long t = 0;
        while (s.Journal.Stats.EvictedDataRecords == 0 && t < 10_000_000)
        {
            s.FeedDemo(t++);
            s.AfterScan();
            clock.Advance(1000);
        }
        // Readings held when the first batch had to be evicted: what 1 MiB of flash keeps.
        double perBatch = (double)s.Recorder.ReadingsRecorded / s.Recorder.BatchesRecorded;
        double held = s.Recorder.ReadingsRecorded - s.Journal.Stats.EvictedDataRecords * perBatch;
        double mib = 256.0 * 4096 / (1024 * 1024);
        o.WriteLine();
        o.WriteLine("journal capacity");
        o.WriteLine(string.Format(inv, "  {0:N0} readings per MiB of flash ({1:F1} h of {2} channels at 1 Hz in 1 MiB)",
            held / mib, held / (double)channels / 3600 / mib, channels));
    }

    private static void JournalThroughput(int channels, TextWriter o, CultureInfo inv)
    {
        var clock = new VirtualClock(StartUtc);
        var store = new Plant.MemoryJournalStore(8192, 4096);
        var s = Stack(clock, store, new CountingLink(), channels);
        // One real batch payload, appended repeatedly.
        var payload = new byte[s.Journal.MaxPayloadLength];
        var batch = new CaptureJournal();
        var rec = new TelemetryRecorder(s.Writer, batch, clock, s.Engine, s.Journal.MaxPayloadLength, 1_000_000);
        for (int t = 0; t < 10_000 && batch.Length == 0; t++)
        {
            s.FeedDemo(t);
            rec.SampleChannels();
            clock.Advance(1000);
        }
        int readingsPerBatch = System.Text.Json.JsonDocument.Parse(batch.Last.AsMemory(0, batch.Length)).RootElement.GetProperty("r").GetArrayLength();
        int n = 7000;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < n; i++) s.Journal.Append(RecordClass.Data, batch.Last, 0, batch.Length);
        double appendS = sw.Elapsed.TotalSeconds;
        sw.Restart();
        int replayed = 0;
        while (s.Journal.TryReadNext(false, payload, 0, out var e))
        {
            s.Journal.Acknowledge(e);
            replayed++;
        }
        double replayS = sw.Elapsed.TotalSeconds;
        o.WriteLine();
        o.WriteLine(string.Format(inv, "journal throughput (RAM store, {0} B records of {1} readings)", batch.Length, readingsPerBatch));
        o.WriteLine(string.Format(inv, "  append          : {0,9:N0} records/s  {1,6:F1} MB/s  {2,11:N0} readings/s", n / appendS, n * (double)batch.Length / appendS / 1e6, n * (double)readingsPerBatch / appendS));
        o.WriteLine(string.Format(inv, "  replay (read+ack): {0,9:N0} records/s  {1,6:F1} MB/s  {2,11:N0} readings/s", replayed / replayS, replayed * (double)batch.Length / replayS / 1e6, replayed * (double)readingsPerBatch / replayS));
    }

    private static async Task<ToolOutcome> Replay(int channels, int hours, string brokerKind, TextWriter o, TextWriter err, CultureInfo inv)
    {
        var clock = new VirtualClock(StartUtc);
        var store = new Plant.MemoryJournalStore(16384, 4096);
        using var broker = brokerKind == "mosquitto" ? MosquittoProcess.Start() : null;
        await using var embedded = brokerKind == "embedded" ? await EmbeddedBroker.StartAsync(FreePort()) : null;
        int port = broker?.Port ?? embedded!.Port;
        var topics = new MqttTopics("site-1", "gw-01");
        await using var gw = new MqttNetLink(new MqttLinkOptions { Port = port, ClientId = "gw-01", CommandTopic = topics.Topic(MessageKind.Cmd), MaxQueued = 1024 });
        await using var sub = new MqttNetLink(new MqttLinkOptions { Port = port, ClientId = "platform", CommandTopic = "qinshui/v1/#", MaxReceived = 10_000_000 });
        var s = Stack(clock, store, gw, channels, new MqttSessionOptions { InFlightWindow = 32, MaxPublishesPerStep = 32 });
        long seconds = hours * 3600L;
        var sw = Stopwatch.StartNew();
        for (long t = 0; t < seconds; t++)
        {
            s.FeedDemo(t);
            s.AfterScan();
            clock.Advance(1000);
        }
        s.Recorder.Flush();
        double recordS = sw.Elapsed.TotalSeconds;
        long batches = s.Journal.PendingData;
        double journalMb = s.Journal.UsedSegments * 4096.0 / 1e6;
        sub.Start();
        gw.Start();
        var deadline = Stopwatch.StartNew();
        while (!(sub.IsConnected && gw.IsConnected))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20))
            {
                err.WriteLine("qedge bench: broker not reachable: " + gw.LastError);
                return ToolOutcome.Failed;
            }
            Thread.Sleep(10);
        }
        var topic = new byte[256];
        var buf = new byte[65536];
        long got = 0;
        long bytes = 0;
        sw.Restart();
        while (s.Journal.PendingData > 0 || s.Session.InFlight > 0 || got < batches)
        {
            s.Session.Step();
            while (sub.TryReceive(topic, out int tl, buf, out int pl))
            {
                if (Encoding.ASCII.GetString(topic, 0, tl).EndsWith("/data", StringComparison.Ordinal))
                {
                    got++;
                    bytes += pl;
                }
            }
            if (sw.Elapsed > TimeSpan.FromMinutes(10))
            {
                err.WriteLine("qedge bench: replay did not finish in 10 min");
                return ToolOutcome.Failed;
            }
            Thread.Yield();
        }
        double replayS = sw.Elapsed.TotalSeconds;
        long readings = s.Recorder.ReadingsRecorded;
        o.WriteLine();
        o.WriteLine(string.Format(inv, "replay of a {0} h outage, {1} channels at 1 Hz, against {2} on 127.0.0.1", hours, channels, brokerKind == "mosquitto" ? "Mosquitto" : "the embedded MQTTnet broker"));
        o.WriteLine(string.Format(inv, "  recorded        : {0:N0} readings in {1:N0} batches ({2:F1} MB journal) in {3:F1} s", readings, batches, journalMb, recordS));
        o.WriteLine(string.Format(inv, "  replayed        : {0:N0} data messages, {1:F1} MB payload, in {2:F1} s = {3:N0} readings/s, {4:N0} messages/s",
            got, bytes / 1e6, replayS, readings / replayS, got / replayS));
        o.WriteLine(string.Format(inv, "  evicted         : {0}", s.Journal.Stats.EvictedDataRecords));
        return ToolOutcome.Ok;
    }

    private static int FreePort()
    {
        var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        int p = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }

    /// <summary>A link that is "connected" on demand, acknowledges everything and counts data bytes.</summary>
    private sealed class CountingLink : IMqttLink
    {
        private readonly Queue<int> _acks = new();
        private int _token;
        public bool Connected;
        public long DataWireBytes;
        public long DataMessages;
        public bool IsConnected => Connected;

        public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
        {
            if (!Connected) return 0;
            if (topic.EndsWith("/data", StringComparison.Ordinal))
            {
                DataWireBytes += PublishBytes(topic.Length, count, true);
                DataMessages++;
            }
            _acks.Enqueue(++_token);
            return _token;
        }

        public bool TryTakeAcknowledged(out int token) => _acks.TryDequeue(out token);

        public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
        {
            topicLength = 0;
            payloadLength = 0;
            return false;
        }
    }

    /// <summary>Keeps the last record appended (to get one real batch payload).</summary>
    private sealed class CaptureJournal : IJournalWriter
    {
        public byte[] Last = [];
        public int Length;

        public bool Append(RecordClass recordClass, byte[] payload, int offset, int count)
        {
            if (recordClass != RecordClass.Data || Length > 0) return true;
            Last = payload.AsSpan(offset, count).ToArray();
            Length = count;
            return true;
        }
    }
}
