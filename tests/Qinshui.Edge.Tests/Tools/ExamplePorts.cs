using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>A fixed 4–20 mA input.</summary>
internal sealed class FakeAnalog(double milliamps) : IAnalogInput
{
    public double Milliamps { get; set; } = milliamps;

    public bool TryReadMilliamps(out double milliamps)
    {
        milliamps = Milliamps;
        return true;
    }
}

/// <summary>
/// Fake ports for any configuration: a relay per output id (its feedback contact wired to the
/// input that names it), a contact per other input, a 4–20 mA input per analog id, a loopback
/// bus of simulated Modbus slaves per bus (one per device unit), a card reader per reader id.
/// </summary>
internal sealed class ExamplePorts : IGatewayPorts
{
    private readonly Dictionary<string, FakeRelay> _relays = new();
    private readonly Dictionary<string, IDigitalInput> _inputs = new();
    private readonly Dictionary<string, FakeAnalog> _analog = new();
    private readonly Dictionary<string, FakeCardReader> _readers = new();
    private readonly List<SlaveLoopbackLine> _buses = new();

    public ExamplePorts(GatewayConfig config, FakeClock clock, IMqttLink? mqtt = null)
    {
        Clock = clock;
        Mqtt = mqtt!;
        foreach (var o in config.Interlocks.Outputs)
        {
            var relay = new FakeRelay();
            _relays[o.Id] = relay;
            if (o.FeedbackInputId != null) _inputs[o.FeedbackInputId] = relay.Feedback;
        }
        foreach (var s in config.Welding.Stations) _relays[s.EnableOutputId] = new FakeRelay();
        foreach (var i in config.Interlocks.Inputs) _inputs.TryAdd(i.Id, new FakeInput());
        foreach (var a in config.AnalogInputIds) _analog[a] = new FakeAnalog(4.0);
        foreach (var r in config.CardReaderIds) _readers[r] = new FakeCardReader();
        for (int b = 0; b < config.Buses.Length; b++)
        {
            var slaves = config.Buses[b].Devices.Select(d => new ModbusSlaveDevice(d.Unit)).ToArray();
            Slaves.Add(slaves);
            _buses.Add(new SlaveLoopbackLine(clock, config.Buses[b].BaudRate, slaves));
        }
    }

    public IReadOnlyDictionary<string, FakeRelay> Relays => _relays;
    public IReadOnlyDictionary<string, FakeAnalog> AnalogInputs => _analog;
    public IReadOnlyDictionary<string, IDigitalInput> Inputs => _inputs;
    public IReadOnlyDictionary<string, FakeCardReader> Readers => _readers;
    public List<ModbusSlaveDevice[]> Slaves { get; } = new();

    public IClock Clock { get; }
    public ILogSink Log => null!;
    public ISupervisor Supervisor => null!;
    public IMqttLink Mqtt { get; }
    public IRecordStore JournalStore { get; } = new MemoryRecordStore(16, 4096);
    public IClockAdjuster ClockAdjuster => null!;
    /// <summary>Where config_chunk assembles a pushed configuration (the device's flash file); its capacity is the largest push accepted.</summary>
    public Qinshui.Edge.Desktop.Mqtt.MemoryStagingStore Staging { get; set; } = new(Qinshui.Edge.Core.Config.SignedEnvelope.MaxEnvelopeBytes);
    public IStagingStore ConfigStaging => Staging;
    public ISha256 NewSha256() => new Sha256();
    public ISerialLine Serial(int busIndex, string portName) => _buses[busIndex];
    public IDigitalOutput Output(string id) => _relays.GetValueOrDefault(id)!;
    public IDigitalInput Input(string id) => _inputs.GetValueOrDefault(id)!;
    public IAnalogInput Analog(string id) => _analog.GetValueOrDefault(id)!;
    public ICardReader CardReader(string id) => _readers.GetValueOrDefault(id)!;
}
