using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Platform;

/// <summary>
/// One gateway of a fleet run: the core's GatewayRuntime with N methane channels on synthetic
/// 4–20 mA loops, a journal in memory and a real MQTTnet link to the broker, scanned in real time.
/// </summary>
public sealed class FleetGateway : IGatewayPorts, IAsyncDisposable
{
    private readonly MqttNetLink _link;
    private readonly SyntheticLoop[] _loops;
    private readonly MemoryJournalStore _store = new(16, 8192);

    public FleetGateway(int index, int channels, string host, int port, IClock clock, string site)
    {
        Clock = clock;
        Id = $"gw-{index:D4}";
        _loops = new SyntheticLoop[channels];
        var sb = new StringBuilder();
        sb.Append("{\"schemaVersion\":1,\"site\":{\"id\":\"").Append(site).Append("\"},\"gateway\":{\"id\":\"").Append(Id)
          .Append("\"},\"mqtt\":{\"dataBatchIntervalMs\":1000,\"healthIntervalMs\":60000},\"analogInputs\":[");
        for (int c = 0; c < channels; c++)
        {
            _loops[c] = new SyntheticLoop(index * 100 + c);
            sb.Append(c > 0 ? "," : "").Append("\"ai").Append(c).Append('"');
        }
        sb.Append("],\"channels\":[");
        for (int c = 0; c < channels; c++)
            sb.Append(c > 0 ? "," : "").Append("{\"id\":\"ch4-").Append(c.ToString("D2")).Append("\",\"profile\":\"MINE_CH4_FACE\",\"source\":{\"analog\":\"ai").Append(c).Append("\"}}");
        sb.Append("]}");
        byte[] json = Encoding.UTF8.GetBytes(sb.ToString());
        var errors = new ValidationErrors();
        var config = ConfigPipeline.Read(json, 0, json.Length, null, errors) ?? throw new InvalidOperationException(errors.Count > 0 ? errors[0].ToString() : "fleet config");
        string prefix = $"qinshui/v1/{site}/{Id}/";
        _link = new MqttNetLink(new MqttLinkOptions
        {
            Host = host, Port = port, ClientId = Id, CommandTopic = prefix + "cmd", WillTopic = prefix + "state",
            WillPayload = Encoding.UTF8.GetBytes("{\"state\":\"offline\"}"), MaxQueued = 1024,
        });
        _link.Start();
        Runtime = new GatewayRuntime(config, this, new GatewayBoot(new byte[32], 1, "qedge-fleet"));
    }

    public string Id { get; }
    public GatewayRuntime Runtime { get; }
    public bool Connected => _link.IsConnected;
    public long ConnectCount => _link.ConnectCount;
    public string? LastError => _link.LastError;

    public IClock Clock { get; }
    public ILogSink Log => null!;
    public ISupervisor Supervisor => null!;
    public IMqttLink Mqtt => _link;
    public IRecordStore JournalStore => _store;
    public IClockAdjuster ClockAdjuster => null!;
    public IStagingStore ConfigStaging => null!;
    public ISha256 NewSha256() => new Sha256();
    public ISerialLine Serial(int busIndex, string portName) => null!;
    public IDigitalOutput Output(string id) => null!;
    public IDigitalInput Input(string id) => null!;
    public IAnalogInput Analog(string id) => _loops[int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture)];
    public ICardReader CardReader(string id) => null!;

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    /// <summary>A methane transmitter near 0.2 %CH4 (0–4 %) with a slow wave and noise.</summary>
    private sealed class SyntheticLoop(int seed) : IAnalogInput
    {
        private readonly Random _random = new(seed);
        private double _phase = seed;

        public bool TryReadMilliamps(out double milliamps)
        {
            _phase += 0.01;
            double percent = 0.2 + 0.05 * Math.Sin(_phase) + 0.005 * (_random.NextDouble() - 0.5);
            milliamps = 4 + 16 * percent / 4;
            return true;
        }
    }
}
