using System.Device.I2c;
using System.Device.Spi;
using System.IO.Ports;
using Iot.Device.Mfrc522;
using Iot.Device.Pn532;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Desktop.Serial;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// The Linux host's ports: serial buses on System.IO.Ports (8E1, Modbus RTU's default), relays and
/// contacts on a gpiochip, 4–20 mA inputs on ADS1115s (I2C), MFRC522 card readers (SPI or I2C)
/// and PN532 card readers (HSU or I2C) as "linuxHost" describes them, the MQTTnet link, a file journal. Every id the configuration names
/// is resolved before the runtime starts; what cannot be had is listed in Problems and the host
/// refuses to start (the outputs were never touched).
/// </summary>
public sealed class DesktopPorts : IGatewayPorts, IDisposable
{
    private readonly Dictionary<string, IDigitalOutput> _outputs = new();
    private readonly Dictionary<string, IDigitalInput> _inputs = new();
    private readonly Dictionary<string, IAnalogInput> _analog = new();
    private readonly Dictionary<string, IHostCardReader> _readers = new();
    private readonly List<Ads1115Converter> _converters = new();
    private GpioLines? _gpio;
    private readonly List<ISerialLine?> _serial = new();
    private readonly List<IDisposable> _owned = new();

    public DesktopPorts(GatewayConfig config, IClock clock, ILogSink log, IMqttLink? mqtt, IRecordStore journal, int gpioChip,
        HostHardware? hardware = null, ILoggerFactory? loggers = null)
    {
        hardware ??= HostHardware.Linux;
        loggers ??= NullLoggerFactory.Instance;
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
        bool resetLines = config.LinuxHost != null && config.LinuxHost.CardReaders.Any(r => r.ResetLine >= 0);
        if (outputIds.Count + inputIds.Count > 0 || resetLines)
        {
            gpio = GpioLines.Open(hardware, gpioChip, out gpioReason);
            _gpio = gpio;
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
        OpenAnalogInputs(config, hardware, loggers.CreateLogger("qedge.ads1115"));
        OpenCardReaders(config, hardware, gpio, gpioChip, gpioReason, loggers);
    }

    private void OpenAnalogInputs(GatewayConfig config, HostHardware hardware, ILogger log)
    {
        var specs = new List<HostAnalogInput>();
        foreach (var id in config.AnalogInputIds)
        {
            var spec = config.LinuxHost?.AnalogInput(id);
            if (spec == null) Problems.Add($"analogInputs: '{id}': the Linux host needs linuxHost.analogInputs.{id} (i2cBus, address, input, shuntOhms) to read it on an ADS1115");
            else specs.Add(spec);
        }
        // One converter per chip: inputs on the same bus and address share it.
        foreach (var chip in specs.GroupBy(s => (s.I2cBus, s.Address)))
        {
            string where = $"/dev/i2c-{chip.Key.I2cBus} address 0x{chip.Key.Address:X2}";
            I2cDevice? device = null;
            try
            {
                device = hardware.I2c(new I2cConnectionSettings(chip.Key.I2cBus, chip.Key.Address));
                var converter = new Ads1115Converter(device, chip.ToArray(), Clock, log);
                _converters.Add(converter);
                foreach (var s in chip)
                {
                    _analog[s.Id] = converter.Input(s.Id);
                    // Each device says how it was opened at start-up (ESPHome's dump_config): the technician checks it against the wiring.
                    log.LogInformation("analog input {Id}: ADS1115 at {Where}, {Input}, ±{FullScale} mV, {Rate} SPS, shunt {Shunt} Ω", s.Id, where, s.Input, s.FullScaleMillivolts, s.SamplesPerSecond, s.ShuntOhms);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or PlatformNotSupportedException or ArgumentException)
            {
                device?.Dispose();
                Problems.Add($"linuxHost.analogInputs.{chip.First().Id}: cannot reach the ADS1115 at {where}: {e.Message}");
            }
        }
    }

    private void OpenCardReaders(GatewayConfig config, HostHardware hardware, GpioLines? gpio, int gpioChip, string? gpioReason, ILoggerFactory loggers)
    {
        foreach (var id in config.CardReaderIds)
        {
            var spec = config.LinuxHost?.CardReader(id);
            if (spec == null)
            {
                Problems.Add($"cardReaders: '{id}': the Linux host needs linuxHost.cardReaders.{id} (chip \"mfrc522\" with spiBus + chipSelect or i2cBus + address, or chip \"pn532\" with serialPort or i2cBus)");
                continue;
            }
            if (spec.Chip == "pn532")
            {
                OpenPn532(id, spec, hardware, loggers.CreateLogger("qedge.pn532"));
                continue;
            }
            if (spec.ResetLine >= 0 && gpio == null)
            {
                Problems.Add($"linuxHost.cardReaders.{id}.resetLine: {gpioReason}");
                continue;
            }
            string where = spec.SpiBus >= 0 ? $"/dev/spidev{spec.SpiBus}.{spec.ChipSelect}" : $"/dev/i2c-{spec.I2cBus} address 0x{spec.Address:X2}";
            IDisposable? device = null;
            try
            {
                MfRc522 chip;
                if (spec.SpiBus >= 0)
                {
                    // MFRC522 datasheet §8.1.2: SPI mode 0, MSB first, up to 10 Mbit/s; 1 MHz leaves margin for jumper wires.
                    var spi = hardware.Spi(new SpiConnectionSettings(spec.SpiBus, spec.ChipSelect) { ClockFrequency = 1_000_000, Mode = MfRc522.DefaultSpiMode });
                    device = spi;
                    chip = new MfRc522(spi, spec.ResetLine, gpio?.Controller, shouldDispose: false);
                }
                else
                {
                    var i2c = hardware.I2c(new I2cConnectionSettings(spec.I2cBus, spec.Address));
                    device = i2c;
                    chip = new MfRc522(i2c, spec.ResetLine, gpio?.Controller, shouldDispose: false);
                }
                // Version register (datasheet §9.3.4.8): 0x91 or 0x92; a missing module reads 0x00 or 0xFF (0.0 here).
                if (chip.Version.Major == 0)
                {
                    Problems.Add($"linuxHost.cardReaders.{id}: no MFRC522 answers on {where} (version register not 0x91/0x92; check wiring and that SPI/I2C is enabled)");
                    chip.Dispose();
                    continue;
                }
                var log = loggers.CreateLogger("qedge.mfrc522");
                log.LogInformation("card reader {Id}: MFRC522 version {Version} on {Where}, polled every {Interval} ms", id, chip.Version, where, spec.PollIntervalMs);
                _readers[id] = new Mfrc522CardReader(chip, $"{id} ({where})", spec.PollIntervalMs, log);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or PlatformNotSupportedException or ArgumentException or InvalidOperationException)
            {
                device?.Dispose();
                Problems.Add($"linuxHost.cardReaders.{id}: cannot open the MFRC522 on {where}: {e.Message}");
            }
        }
    }

    private void OpenPn532(string id, HostCardReader spec, HostHardware hardware, ILogger log)
    {
        // PN532 user manual (UM0701-02), HSU link: runs 115200 8N1 after power-up; the binding opens it at that rate.
        string where = spec.SerialPort.Length > 0 ? $"{spec.SerialPort} (HSU, 115200 8N1)" : $"/dev/i2c-{spec.I2cBus} address 0x{spec.Address:X2}";
        System.Device.I2c.I2cDevice? i2c = null;
        try
        {
            var chip = Pn532CardReader.Open(() => spec.SerialPort.Length > 0
                ? new Pn532(spec.SerialPort, checkVersion: false)
                : new Pn532(i2c = hardware.I2c(new System.Device.I2c.I2cConnectionSettings(spec.I2cBus, spec.Address)), checkVersion: false));
            if (chip == null)
            {
                Problems.Add($"linuxHost.cardReaders.{id}: no PN532 answers on {where} ({Pn532CardReader.OpenAttempts} handshakes: firmware version IC 0x32, RFConfiguration; check wiring, power and the module's HSU/I2C switches)");
                return;
            }
            log.LogInformation("card reader {Id}: PN532 firmware {Version} on {Where}, polled every {Interval} ms", id, chip.FirmwareVersion!.Version, where, spec.PollIntervalMs);
            _readers[id] = new Pn532CardReader(chip, $"{id} ({where})", spec.PollIntervalMs, log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TimeoutException or PlatformNotSupportedException or ArgumentException or InvalidOperationException
            || e.GetType() == typeof(Exception)) // The binding throws a plain Exception when its I2C wake-up read fails.
        {
            try
            {
                i2c?.Dispose();
            }
            catch (IOException)
            {
                // Nothing to release on a port that is gone.
            }
            Problems.Add($"linuxHost.cardReaders.{id}: cannot open the PN532 on {where}: {e.Message}");
        }
    }

    /// <summary>
    /// Takes a first sample of every analog input (so the first scan has values), then starts the
    /// converters' and card readers' threads. Call once the host is going to run.
    /// </summary>
    public void StartDevices()
    {
        foreach (var c in _converters) c.SampleOnce();
        foreach (var c in _converters) c.Start();
        foreach (var r in _readers.Values) r.Start();
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
    public IAnalogInput Analog(string id) => _analog.GetValueOrDefault(id)!;
    public ICardReader CardReader(string id) => _readers.GetValueOrDefault(id)!;

    /// <summary>De-energise every output this host opened (shutdown: outputs first).</summary>
    public void DropOutputs() => _gpio?.DropOutputs();

    public void Dispose()
    {
        // Outputs first (GpioLines drops them again when closed), then what polls in the background.
        DropOutputs();
        foreach (var r in _readers.Values) r.Dispose();
        foreach (var c in _converters) c.Dispose();
        _gpio?.Dispose();
        foreach (var d in _owned) d.Dispose();
    }
}
