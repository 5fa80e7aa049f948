using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Memory;

/// <summary>
/// The 32-channel example of docs/memory.md as a real configuration on the WROVER/WROOM board
/// files' roles: a coal-mine heading gateway mirroring the KJ system — 8 four-channel gas
/// transmitters on one RS-485 bus (methane at face, return, upper corner and intake; CO, O2,
/// H2S, temperature), 4 zones of 8 channels on the 4 relays, feedback, NVR, MQTT on, the
/// firmware's journal geometry. Built into a GatewayRuntime over fakes for measuring.
/// </summary>
internal static class ExampleGateways
{
    public static readonly (string profile, int count)[] MineHeading =
    [
        ("MINE_CH4_FACE", 8), ("MINE_CH4_RETURN", 6), ("MINE_CH4_UPPER_CORNER", 2), ("MINE_CH4_INTAKE", 2),
        ("MINE_CO", 6), ("MINE_O2", 4), ("MINE_H2S", 2), ("MINE_TEMP_FACE", 2),
    ];

    public static string MineHeadingJson()
    {
        var channels = new List<string>();
        int n = 0;
        foreach (var (profile, count) in MineHeading)
        {
            for (int i = 0; i < count; i++, n++)
            {
                channels.Add($$"""{ "id": "{{profile.ToLowerInvariant().Replace('_', '-')}}-{{i}}", "profile": "{{profile}}", "source": { "bus": "rs485-1", "device": "tx-{{n / 4}}", "point": "ch{{n % 4}}" } }""");
            }
        }
        var ids = channels.Select(c => c.Split('"')[3]).ToList();
        var zones = Enumerable.Range(0, 4).Select(z =>
            $$"""{ "id": "zone-{{z}}", "title": "区域{{z}}", "channels": [ {{string.Join(", ", ids.Skip(8 * z).Take(8).Select(id => $$"""{ "channel": "{{id}}", "permitLevel": "alarm" }"""))}} ], "outputs": [ "relay{{z + 1}}" ], "monitoringInput": "nvr_ok" }""");
        var devices = Enumerable.Range(0, 8).Select(d => $$"""{ "name": "tx-{{d}}", "unit": {{d + 1}}, "profile": "gas-4", "pollIntervalMs": 1000 }""");
        var points = Enumerable.Range(0, 4).Select(p => $$"""{ "id": "ch{{p}}", "function": 3, "address": {{p}}, "type": "s16", "scale": 0.01 }""");
        return $$"""
        {
          "schemaVersion": 1,
          "site": { "id": "qinshui-mine-3" },
          "gateway": { "id": "gw-heading-1" },
          "board": "esp32-wrover-devkitc-rs485-relay",
          "deviceProfiles": [ { "id": "gas-4", "source": "four-channel transmitter", "points": [ {{string.Join(", ", points)}} ] } ],
          "buses": [ { "id": "rs485-1", "port": "COM2", "baud": 9600, "devices": [ {{string.Join(", ", devices)}} ] } ],
          "channels": [ {{string.Join(",\n", channels)}} ],
          "interlocks": {
            "outputs": [ { "id": "relay1", "feedbackInput": "feedback1" }, { "id": "relay2", "feedbackInput": "feedback2" }, { "id": "relay3" }, { "id": "relay4" } ],
            "inputs": [ { "id": "feedback1" }, { "id": "feedback2" }, { "id": "nvr_ok" } ],
            "zones": [ {{string.Join(",\n", zones)}} ]
          }
        }
        """;
    }

    /// <summary>The smallest useful gateway: one 4-channel transmitter (CH4, CO, O2, H2S), one zone on one relay.</summary>
    public static string SmallJson() => """
        {
          "schemaVersion": 1,
          "site": { "id": "qinshui-mine-3" },
          "gateway": { "id": "gw-small-1" },
          "board": "olimex-esp32-poe-iso",
          "deviceProfiles": [ { "id": "gas-4", "source": "four-channel transmitter", "points": [
            { "id": "ch0", "function": 3, "address": 0, "type": "s16", "scale": 0.01 }, { "id": "ch1", "function": 3, "address": 1, "type": "s16", "scale": 0.01 },
            { "id": "ch2", "function": 3, "address": 2, "type": "s16", "scale": 0.01 }, { "id": "ch3", "function": 3, "address": 3, "type": "s16", "scale": 0.01 } ] } ],
          "buses": [ { "id": "rs485-1", "port": "COM2", "baud": 9600, "devices": [ { "name": "tx-0", "unit": 1, "profile": "gas-4", "pollIntervalMs": 1000 } ] } ],
          "channels": [
            { "id": "ch4", "profile": "MINE_CH4_FACE", "source": { "bus": "rs485-1", "device": "tx-0", "point": "ch0" } },
            { "id": "co", "profile": "MINE_CO", "source": { "bus": "rs485-1", "device": "tx-0", "point": "ch1" } },
            { "id": "o2", "profile": "MINE_O2", "source": { "bus": "rs485-1", "device": "tx-0", "point": "ch2" } },
            { "id": "h2s", "profile": "MINE_H2S", "source": { "bus": "rs485-1", "device": "tx-0", "point": "ch3" } }
          ],
          "interlocks": {
            "outputs": [ { "id": "relay1", "feedbackInput": "feedback1" } ],
            "inputs": [ { "id": "feedback1" }, { "id": "nvr_ok" } ],
            "zones": [ { "id": "face", "title": "工作面", "channels": [ { "channel": "ch4", "permitLevel": "alarm" }, { "channel": "co", "permitLevel": "alarm" } ],
                         "outputs": [ "relay1" ], "monitoringInput": "nvr_ok" } ]
          }
        }
        """;

    public static GatewayConfig Read(string json)
    {
        var errors = new ValidationErrors();
        byte[] b = Encoding.UTF8.GetBytes(json);
        return GatewayConfigReader.Read(b, 0, b.Length, errors)
               ?? throw new InvalidOperationException(string.Join("\n", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString())));
    }

    /// <summary>A runtime over fakes with the firmware's journal geometry (segments × bytes).</summary>
    public static GatewayRuntime Build(GatewayConfig config, int segments, int segmentBytes)
    {
        var clock = new FakeClock(startMonotonicMs: 0, startUtcMs: 1_790_000_000_000);
        return new GatewayRuntime(config, new Ports(clock, new MemoryRecordStore(segments, segmentBytes)), new GatewayBoot(new byte[32], 1, "memory"));
    }

    /// <summary>What the host supplies (not part of the core's footprint): ports and fakes.</summary>
    public static bool IsHostObject(object o)
    {
        string ns = o.GetType().Namespace ?? "";
        return ns.StartsWith("Qinshui.Edge.Tests") || ns.StartsWith("Qinshui.Edge.Simulator") || ns.StartsWith("Qinshui.Edge.Desktop") || ns.StartsWith("Qinshui.Edge.Host") || o is IGatewayPorts || o is IRecordStore || o is IStagingStore
               || o is IMqttLink || o is IAnalogInput || o is ICardReader || o is IClock || o is ISerialLine || o is IDigitalInput || o is IDigitalOutput || o is ISupervisor || o is ILogSink;
    }

    private sealed class Ports(FakeClock clock, IRecordStore store) : IGatewayPorts
    {
        private readonly FakeMqttLink _mqtt = new() { IsConnected = true, AutoAck = true };
        public IClock Clock => clock;
        public ILogSink Log => null!;
        public ISupervisor Supervisor => null!;
        public IMqttLink Mqtt => _mqtt;
        public IRecordStore JournalStore => store;
        public IClockAdjuster ClockAdjuster => null!;
        // As on the device: chunked pushes are staged outside the core (a flash file), so only the bookkeeping is counted.
        public IStagingStore ConfigStaging { get; } = new Qinshui.Edge.Desktop.Mqtt.MemoryStagingStore(32 * 1024);
        public ISha256 NewSha256() => new Sha256();
        public ISerialLine Serial(int busIndex, string portName) => new FakeSerialLine(clock);
        public IDigitalOutput Output(string id) => new FakeOutput();
        public IDigitalInput Input(string id) => new FakeInput(true);
        public IAnalogInput Analog(string id) => new Qinshui.Edge.Tests.Tools.FakeAnalog(12.0);
        public ICardReader CardReader(string id) => new FakeCardReader();
    }
}
