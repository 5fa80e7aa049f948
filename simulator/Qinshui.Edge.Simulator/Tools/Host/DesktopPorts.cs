using System.IO.Ports;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Simulator.Mqtt;

namespace Qinshui.Edge.Simulator.Tools.Host;

/// <summary>
/// The Linux host's ports: serial buses on System.IO.Ports (8E1, Modbus RTU's default), relays and
/// contacts on a gpiochip, the MQTTnet link, a file journal. Every id the configuration names
/// is resolved before the runtime starts; what cannot be had is listed in Problems and the host
/// refuses to start (the outputs were never touched).
/// </summary>
public sealed class DesktopPorts : IGatewayPorts, IDisposable
{
    private readonly Dictionary<string, IDigitalOutput> _outputs = new();
    private readonly Dictionary<string, IDigitalInput> _inputs = new();
    private readonly List<ISerialLine?> _serial = new();
    private readonly List<IDisposable> _owned = new();

    public DesktopPorts(GatewayConfig config, IClock clock, ILogSink log, IMqttLink? mqtt, IRecordStore journal, int gpioChip)
    {
        Clock = clock;
        Log = log;
        Mqtt = mqtt!;
        JournalStore = journal;
        for (int b = 0; b < config.Buses.Length; b++)
        {
            string port = config.BusPorts[b];
            try
            {
                var line = new SerialPortLine(port, config.Buses[b].BaudRate, Parity.Even);
                _owned.Add(line);
                _serial.Add(line);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                _serial.Add(null);
                Problems.Add($"buses[{b}].port: cannot open serial port '{port}' for bus {config.BusIds[b]}: {e.Message}");
            }
        }

        var outputIds = config.Interlocks.Outputs.Select(o => o.Id).Concat(config.Welding.Stations.Select(s => s.EnableOutputId)).ToList();
        var inputIds = config.Interlocks.Inputs.Select(i => i.Id).ToList();
        GpioLines? gpio = null;
        string? gpioReason = null;
        if (outputIds.Count + inputIds.Count > 0)
        {
            gpio = GpioLines.Open(gpioChip, out gpioReason);
            if (gpio != null) _owned.Add(gpio);
        }
        foreach (var (id, isOutput) in outputIds.Select(i => (i, true)).Concat(inputIds.Select(i => (i, false))))
        {
            string kind = isOutput ? "output" : "input";
            if (gpio == null)
            {
                Problems.Add($"{kind} '{id}': {gpioReason}; relays and contacts need a gpiochip (or remove them from this host's configuration)");
                continue;
            }
            int k = Array.IndexOf(config.PinIds, id);
            if (k < 0 || config.PinGpios[k] < 0)
            {
                Problems.Add($"pins.{id}: the Linux host needs the {kind}'s gpiochip line as a number (\"{id}\": 17)");
                continue;
            }
            try
            {
                if (isOutput) _outputs[id] = gpio.Output(config.PinGpios[k]);
                else _inputs[id] = gpio.Input(config.PinGpios[k], false);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                Problems.Add($"pins.{id}: cannot open line {config.PinGpios[k]} of {GpioLines.ChipPath(gpioChip)}: {e.Message}");
            }
        }
        foreach (var a in config.AnalogInputIds)
            Problems.Add($"analogInputs: '{a}': the ADS1115 4-20 mA front end is not supported by qedge run yet");
        foreach (var r in config.CardReaderIds)
            Problems.Add($"cardReaders: '{r}': card readers (MFRC522/PN532) are not supported by qedge run yet");
    }

    /// <summary>Why this host cannot run the configuration; empty when every port is there.</summary>
    public List<string> Problems { get; } = new();

    public IClock Clock { get; }
    public ILogSink Log { get; }
    public ISupervisor Supervisor => null!;
    public IMqttLink Mqtt { get; }
    public IRecordStore JournalStore { get; }
    public IClockAdjuster ClockAdjuster => null!;
    /// <summary>Where config_chunk assembles a pushed configuration: a file in the state directory (set by the host), or none.</summary>
    public IStagingStore ConfigStaging { get; set; } = null!;
    public ISha256 NewSha256() => new PlatformSha256();
    public ISerialLine Serial(int busIndex, string portName) => _serial[busIndex]!;
    public IDigitalOutput Output(string id) => _outputs.GetValueOrDefault(id)!;
    public IDigitalInput Input(string id) => _inputs.GetValueOrDefault(id)!;
    public IAnalogInput Analog(string id) => null!;
    public ICardReader CardReader(string id) => null!;

    /// <summary>De-energise every output this host opened (shutdown: outputs first).</summary>
    public void DropOutputs()
    {
        foreach (var o in _outputs.Values) o.Write(false);
    }

    public void Dispose()
    {
        foreach (var d in _owned) d.Dispose();
    }
}
