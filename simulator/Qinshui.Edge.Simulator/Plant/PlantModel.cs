using Qinshui.Edge.Simulator.Plant.Bus;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// The virtual plant: variables, sensors, contacts, relays, card readers, dust collectors and
/// RS-485 buses, all on one virtual clock. <see cref="Step"/> integrates the physics; ports for
/// the gateway are looked up by id (sensors as analog inputs, contacts and relay feedbacks as
/// digital inputs, relays as digital outputs, buses as serial lines).
/// </summary>
public sealed class PlantModel
{
    private readonly Dictionary<string, PlantVariable> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimSensor> _sensors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimContact> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimRelay> _relays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CardReader> _readers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VirtualRs485Bus> _buses = new(StringComparer.Ordinal);
    private readonly List<DustCollector> _collectors = new();
    private long _lastStepMicros;

    public PlantModel(VirtualClock clock, int seed)
    {
        Clock = clock;
        Seed = seed;
        _lastStepMicros = clock.NowMicros;
    }

    public VirtualClock Clock { get; }
    public int Seed { get; }

    public IEnumerable<PlantVariable> Variables => _variables.Values;
    public IEnumerable<SimSensor> Sensors => _sensors.Values;
    public IEnumerable<SimContact> Contacts => _contacts.Values;
    public IEnumerable<SimRelay> Relays => _relays.Values;
    public IEnumerable<CardReader> CardReaders => _readers.Values;
    public IEnumerable<VirtualRs485Bus> Buses => _buses.Values;
    public IReadOnlyList<DustCollector> DustCollectors => _collectors;

    private bool _brokerAvailable = true;

    /// <summary>
    /// The broker is reachable. Broker outages are plant-side events: the MQTT seam (embedded broker
    /// or the link adapter) subscribes to <see cref="BrokerAvailabilityChanged"/> and drops or refuses
    /// connections while false.
    /// </summary>
    public bool BrokerAvailable
    {
        get => _brokerAvailable;
        set
        {
            if (_brokerAvailable == value) return;
            _brokerAvailable = value;
            BrokerAvailabilityChanged?.Invoke(value);
        }
    }

    public event Action<bool>? BrokerAvailabilityChanged;

    /// <summary>
    /// Seam for the Modbus helper's simulated slave: given a Modbus sensor (its bus, address, value,
    /// faults via <see cref="SimSensor.ReadDigital"/> and <see cref="SimSensor.Fault"/>), returns the
    /// device to attach to the sensor's bus. Null until that slave is merged: Modbus sensors then
    /// have no slave on the bus (the temporary driver reads them directly).
    /// </summary>
    public static Func<SimSensor, VirtualClock, IBusDevice>? ModbusSensorSlaveFactory { get; set; }

    /// <summary>Attaches a simulated slave for every Modbus sensor, when a slave factory is registered.</summary>
    public void AttachModbusSlaves()
    {
        var factory = ModbusSensorSlaveFactory;
        if (factory == null) return;
        foreach (var s in _sensors.Values)
        {
            if (s.Spec.Interface != SensorInterface.Modbus || s.Spec.Bus == null) continue;
            var device = factory(s, Clock);
            var line = _buses[s.Spec.Bus].Attach(device);
            if (device is IBusAttachable a) a.AttachedTo(line);
        }
    }

    public void Add(PlantVariable v) => _variables.Add(v.Id, v);

    public SimSensor AddSensor(SensorSpec spec)
    {
        var measured = _variables[spec.Measures];
        var s = new SimSensor(spec, measured, new SeededNoise(SeededNoise.Derive(Seed, spec.Id)));
        _sensors.Add(spec.Id, s);
        return s;
    }

    public void Add(SimContact c) => _contacts.Add(c.Id, c);

    public SimRelay AddRelay(string id)
    {
        var r = new SimRelay(id, Clock);
        _relays.Add(id, r);
        return r;
    }

    public CardReader AddCardReader(string id)
    {
        var r = new CardReader(id);
        _readers.Add(id, r);
        return r;
    }

    public VirtualRs485Bus AddBus(string id, int baudRate)
    {
        var b = new VirtualRs485Bus(id, Clock, baudRate, 11, SeededNoise.Derive(Seed, id));
        _buses.Add(id, b);
        return b;
    }

    public void Add(DustCollector dc)
    {
        _collectors.Add(dc);
        foreach (var v in dc.Variables) Add(v);
        if (dc.AirlockFault != null) Add(dc.AirlockFault);
    }

    public bool TryGetVariable(string id, out PlantVariable v) => _variables.TryGetValue(id, out v!);
    public bool TryGetSensor(string id, out SimSensor s) => _sensors.TryGetValue(id, out s!);
    public bool TryGetContact(string id, out SimContact c) => _contacts.TryGetValue(id, out c!);
    public bool TryGetRelay(string id, out SimRelay r) => _relays.TryGetValue(id, out r!);
    public bool TryGetCardReader(string id, out CardReader r) => _readers.TryGetValue(id, out r!);
    public bool TryGetBus(string id, out VirtualRs485Bus b) => _buses.TryGetValue(id, out b!);

    public PlantVariable Variable(string id) => _variables[id];
    public SimSensor Sensor(string id) => _sensors[id];
    public SimRelay Relay(string id) => _relays[id];
    public SimContact Contact(string id) => _contacts[id];

    /// <summary>Integrates everything from the last step to the clock's present time.</summary>
    public void Step()
    {
        long now = Clock.NowMicros;
        double dt = (now - _lastStepMicros) / 1e6;
        _lastStepMicros = now;
        if (dt <= 0) return;
        foreach (var v in _variables.Values) v.Step(dt);
        foreach (var s in _sensors.Values) s.Step(dt);
    }
}
