using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Plant.Bus;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The gateway's ports on the plant model. The configuration's port ids name plant objects:
/// an output is a relay; an input is a contact, or a relay's feedback contact written
/// "{relay}-fb"; an analog input is a sensor's 4–20 mA loop; a card reader is a plant reader;
/// a bus "port" is a plant RS-485 bus (the master end is opened once and kept across reboots).
/// The journal store belongs to the plant, so it survives power cuts.
/// </summary>
public sealed class PlantGatewayPorts : IGatewayPorts
{
    public const string FeedbackSuffix = "-fb";

    private readonly PlantModel _plant;
    private readonly Dictionary<string, VirtualRs485Bus.MasterPort> _masters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReaderPort> _readers = new(StringComparer.Ordinal);

    public PlantGatewayPorts(PlantModel plant, IMqttLink? link, ILogSink? log)
    {
        _plant = plant;
        Mqtt = link!;
        Log = log!;
        WallClock = new GatewayWallClock(plant.Clock);
    }

    /// <summary>The gateway's wall clock (RTC) over the plant's time: set_time and the set_clock action move it.</summary>
    public GatewayWallClock WallClock { get; }

    public IClock Clock => WallClock;
    public ILogSink Log { get; }
    public ISupervisor Supervisor => null!;
    public IMqttLink Mqtt { get; }
    public IRecordStore JournalStore => _plant.JournalStore;
    public IClockAdjuster ClockAdjuster => WallClock;
    /// <summary>A simulated gateway takes chunked configuration pushes like the device (staged in memory).</summary>
    public IStagingStore ConfigStaging { get; } = new Qinshui.Edge.Desktop.Mqtt.MemoryStagingStore(Qinshui.Edge.Core.Config.SignedEnvelope.MaxEnvelopeBytes);

    public ISha256 NewSha256() => new Sha256();

    public ISerialLine Serial(int busIndex, string portName)
    {
        if (_masters.TryGetValue(portName, out var m)) return m;
        if (!_plant.TryGetBus(portName, out var bus)) return null!;
        m = bus.OpenMaster();
        _masters[portName] = m;
        return m;
    }

    public IDigitalOutput Output(string id) => _plant.TryGetRelay(id, out var r) ? r : null!;

    public IDigitalInput Input(string id)
    {
        if (_plant.TryGetContact(id, out var c)) return c;
        if (id.EndsWith(FeedbackSuffix, StringComparison.Ordinal) && _plant.TryGetRelay(id[..^FeedbackSuffix.Length], out var r)) return r.Feedback;
        return null!;
    }

    public IAnalogInput Analog(string id) => _plant.TryGetSensor(id, out var s) ? s : null!;

    public ICardReader CardReader(string id)
    {
        if (_readers.TryGetValue(id, out var p)) return p;
        if (!_plant.TryGetCardReader(id, out var r)) return null!;
        p = new ReaderPort(r);
        _readers[id] = p;
        return p;
    }

    /// <summary>True when every id resolves; otherwise lists what does not.</summary>
    public static IEnumerable<string> Unresolved(PlantModel plant, Qinshui.Edge.Core.Config.GatewayConfig config)
    {
        var ports = new PlantGatewayPorts(plant, null, null);
        for (int b = 0; b < config.BusPorts.Length; b++)
            if (!plant.TryGetBus(config.BusPorts[b], out _)) yield return $"buses[{b}].port: no bus '{config.BusPorts[b]}' in plant.buses";
        foreach (var o in config.Interlocks.Outputs)
            if (ports.Output(o.Id) == null) yield return $"interlocks.outputs: no relay '{o.Id}' in plant.relays";
        foreach (var i in config.Interlocks.Inputs)
            if (ports.Input(i.Id) == null) yield return $"interlocks.inputs: no contact '{i.Id}' in plant.contacts (a relay's feedback is '{{relay}}{FeedbackSuffix}')";
        foreach (var a in config.AnalogInputIds)
            if (ports.Analog(a) == null) yield return $"analogInputs: no sensor '{a}' in plant.sensors";
        foreach (var c in config.CardReaderIds)
            if (ports.CardReader(c) == null) yield return $"cardReaders: no reader '{c}' in plant.cardReaders";
        foreach (var s in config.Welding.Stations)
            if (ports.Output(s.EnableOutputId) == null) yield return $"welding.stations[{s.Id}].enableOutput: no relay '{s.EnableOutputId}' in plant.relays";
    }

    /// <summary>A plant card reader as the core's port: the UID in upper-case as the reader reports it.</summary>
    private sealed class ReaderPort(CardReader reader) : ICardReader
    {
        public bool TryTakeTap(out string cardUid)
        {
            if (reader.TryTake(out var tap))
            {
                cardUid = tap.CardId;
                return true;
            }
            cardUid = null!;
            return false;
        }
    }
}
