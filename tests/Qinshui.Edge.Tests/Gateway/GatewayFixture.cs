using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Gateway;

/// <summary>
/// A welding bay gateway from one JSON configuration: a gas transmitter (unit 1, CH4 %vol) and a
/// chip-coded welding machine (unit 2) on one RS-485 bus of simulated slaves, an NVR contact,
/// a zone relay with feedback, the machine's enable relay, a card reader, MQTT, a journal.
/// </summary>
internal sealed class GatewayFixture
{
    public static readonly byte[] Key = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    public const string ConfigJson = """
    {
      "schemaVersion": 1,
      "site": { "id": "qinshui-mine-3", "name": "沁水三矿" },
      "gateway": { "id": "gw-01" },
      "mqtt": { "dataBatchIntervalMs": 2000, "healthIntervalMs": 60000 },
      "deviceProfiles": [
        { "id": "ch4-transmitter", "source": "test map", "points": [
          { "id": "concentration", "function": 3, "address": 0, "type": "s16", "scale": 0.01, "unit": "%vol" } ] },
        { "id": "welder", "source": "test map", "points": [
          { "id": "identity_code", "function": 3, "address": 0, "type": "ascii", "length": 8 },
          { "id": "model", "function": 3, "address": 8, "type": "u16" },
          { "id": "arc_current", "function": 3, "address": 9, "type": "u16", "unit": "A" } ] }
      ],
      "buses": [ { "id": "rs485-1", "port": "uart1", "baud": 19200, "devices": [
        { "name": "gas-1", "unit": 1, "profile": "ch4-transmitter", "pollIntervalMs": 1000 },
        { "name": "welder-1", "unit": 2, "profile": "welder", "pollIntervalMs": 1000 } ] } ],
      "cardReaders": [ "reader-1" ],
      "channels": [
        { "id": "ch4-bay", "profile": "MINE_CH4_FACE", "source": { "bus": "rs485-1", "device": "gas-1", "point": "concentration" } }
      ],
      "interlocks": {
        "outputs": [ { "id": "bay-power", "feedbackInput": "bay-power-fb" } ],
        "inputs": [ { "id": "bay-power-fb" }, { "id": "nvr-1" } ],
        "zones": [ { "id": "weld-bay-1", "title": "电焊区1", "channels": [ { "channel": "ch4-bay", "permitLevel": "alarm" } ],
                     "outputs": [ "bay-power" ], "monitoringInput": "nvr-1", "requiresWorkAuthorisation": true, "settleMs": 10000 } ]
      },
      "welding": {
        "stations": [ { "id": "st-1", "zone": "weld-bay-1", "machine": { "bus": "rs485-1", "device": "welder-1" },
                        "expectedMachineCode": "QSWM0001", "enableOutput": "welder-enable", "cardReader": "reader-1",
                        "gasChannels": [ "ch4-bay" ], "settleMs": 10000 } ],
        "welders": [ { "id": "W001", "card": "CARD-1", "name": "张伟", "certificate": "T140100001", "certificateExpiryUtcMs": 1900000000000 } ],
        "machines": [ { "code": "QSWM0001", "model": "ZX7-400", "zone": "weld-bay-1" } ]
      }
    }
    """;

    public FakeClock Clock { get; } = new(startMonotonicMs: 0, startUtcMs: 1_790_000_000_000);
    public ModbusSlaveDevice Gas { get; } = new(1);
    public ModbusSlaveDevice Welder { get; } = new(2);
    public SlaveLoopbackLine Bus { get; }
    public FakeRelay BayPower { get; } = new();
    public FakeInput Nvr { get; } = new();
    public FakeOutput WelderEnable { get; } = new();
    public FakeCardReader Reader { get; } = new();
    public FakeMqttLink Mqtt { get; } = new() { IsConnected = true, AutoAck = true };
    public MemoryRecordStore Store { get; }
    /// <summary>Where config_chunk assembles a pushed configuration (the device's flash file).</summary>
    public Qinshui.Edge.Desktop.Mqtt.MemoryStagingStore Staging { get; } = new(SignedEnvelope.MaxEnvelopeBytes);
    public GatewayConfig Config { get; }
    public GatewayRuntime Runtime { get; }

    public IMqttLink Link { get; }

    /// <param name="boot">What the gateway kept across a restart (default: boot 1, nothing kept).</param>
    /// <param name="store">The journal's store kept across a restart (default: a fresh one).</param>
    public GatewayFixture(string? json = null, IMqttLink? link = null, GatewayBoot? boot = null, MemoryRecordStore? store = null)
    {
        Store = store ?? new MemoryRecordStore(16, 4096);
        Link = link ?? Mqtt;
        Bus = new SlaveLoopbackLine(Clock, 19200, Gas, Welder);
        var errors = new ValidationErrors();
        var bytes = Encoding.UTF8.GetBytes(json ?? ConfigJson);
        Config = GatewayConfigReader.Read(bytes, 0, bytes.Length, errors)
                 ?? throw new InvalidOperationException(string.Join("\n", Enumerable.Range(0, errors.Count).Select(i => errors[i].ToString())));
        SetMachineCode("QSWM0001");
        Nvr.Active = true;
        Runtime = new GatewayRuntime(Config, new Ports(this), boot ?? new GatewayBoot(Key, 1, "test"));
    }

    /// <summary>A hot-work permit for the bay, signed with the gateway's key, valid for 8 hours.</summary>
    public Qinshui.Edge.Core.Welding.WeldingReason PushPermit(long counter = 1)
    {
        long now = Clock.UtcMs;
        string permit = "{\"permitId\":\"HW-1\",\"kind\":\"hot_work\",\"grade\":\"2\",\"zone\":\"weld-bay-1\",\"machines\":[\"QSWM0001\"],\"welders\":[\"W001\"]," +
                        "\"validFromUtcMs\":" + (now - 1000) + ",\"validToUtcMs\":" + (now + 8 * 3_600_000L) + ",\"gasAnalysisUtcMs\":" + now + ",\"combustibleGas\":\"CH4\",\"mine\":true}";
        var env = SignedEnvelope.Sign("permit", Encoding.UTF8.GetBytes(permit), "gw-01", counter, now, Key);
        return Runtime.Permits.Apply(env, 0, env.Length, now, true);
    }

    public void SetMethane(double percentVolume) => Gas.HoldingRegisters[0] = (ushort)(short)Math.Round(percentVolume * 100);

    public void SetMachineCode(string code)
    {
        var padded = code.PadRight(16, ' ');
        for (int i = 0; i < 8; i++) Welder.HoldingRegisters[i] = (ushort)((padded[2 * i] << 8) | padded[2 * i + 1]);
    }

    public void SetArcCurrent(int amps) => Welder.HoldingRegisters[9] = (ushort)amps;

    /// <summary>Runs scans every 10 ms of virtual time.</summary>
    public void Run(long ms)
    {
        long end = Clock.MonotonicMs + ms;
        while (Clock.MonotonicMs < end)
        {
            Clock.Advance(10);
            Runtime.Scan();
        }
    }

    public int ScansUntil(Func<bool> condition, int maxScans = 100_000)
    {
        for (int i = 0; i < maxScans; i++)
        {
            if (condition()) return i;
            Clock.Advance(10);
            Runtime.Scan();
        }
        throw new TimeoutException("condition not reached");
    }

    private sealed class Ports(GatewayFixture f) : IGatewayPorts
    {
        public IClock Clock => f.Clock;
        public ILogSink Log => null!;
        public ISupervisor Supervisor => null!;
        public IMqttLink Mqtt => f.Link;
        public IRecordStore JournalStore => f.Store;
        public IClockAdjuster ClockAdjuster => null!;
        public IStagingStore ConfigStaging => f.Staging;
        public ISha256 NewSha256() => new Sha256();
        public ISerialLine Serial(int busIndex, string portName) => f.Bus;
        public IDigitalOutput Output(string id) => id switch { "bay-power" => f.BayPower, "welder-enable" => f.WelderEnable, _ => null! };
        public IDigitalInput Input(string id) => id switch { "bay-power-fb" => f.BayPower.Feedback, "nvr-1" => f.Nvr, _ => null! };
        public IAnalogInput Analog(string id) => null!;
        public ICardReader CardReader(string id) => id == "reader-1" ? f.Reader : null!;
    }
}
