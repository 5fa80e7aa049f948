using System.Device.Gpio;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes.Chips;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>qedge run end to end on emulated Linux hardware: an ADS1115 loop, an MFRC522 and a relay on a gpiochip.</summary>
public sealed class LinuxHostRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-linux-").FullName;
    private readonly Ads1115Emulator _adc = new(1, 0x49);
    private readonly Mfrc522Emulator _card = new();
    private readonly FakeGpioDriver _gpio = new();

    public void Dispose() => Directory.Delete(_dir, true);

    private HostHardware Hardware => new()
    {
        Gpio = chip => chip == 0 ? (_gpio, null) : (null, "no such chip"),
        I2c = s => s.BusId == 1 && s.DeviceAddress == 0x49 ? _adc : throw new IOException($"no device at {s.BusId}/0x{s.DeviceAddress:X2}"),
        Spi = s => new Mfrc522SpiEmulator(_card, s.BusId, s.ChipSelectLine),
    };

    private string WriteConfig(Action<JsonObject>? edit = null) =>
        LabHostConfig.Write(_dir, new JsonObject { ["chip"] = "mfrc522", ["spiBus"] = 0, ["chipSelect"] = 0, ["pollIntervalMs"] = 20 }, edit);

    private static int RunUntil(HostOptions options, ILoggerFactory loggers, params Func<GatewayRuntime, bool>[] steps)
    {
        using var stop = new CancellationTokenSource();
        GatewayRuntime? runtime = null;
        var host = Task.Factory.StartNew(() => GatewayHost.Run(options, loggers, stop.Token, r => Volatile.Write(ref runtime, r)),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        int step = 0;
        while (!host.IsCompleted && step < steps.Length && DateTime.UtcNow < deadline)
        {
            var r = Volatile.Read(ref runtime);
            if (r != null && steps[step](r)) step++;
            else host.Wait(5); // bounded wait for the host's condition
        }
        stop.Cancel();
        Assert.True(host.Wait(TimeSpan.FromSeconds(30)), "the host did not stop");
        Assert.Equal(steps.Length, step);
        return host.Result;
    }

    [Fact]
    public void LoopCurrent_ReachesTheChannel_AndAnNe43FailureSignalFaultsIt_ThenShutdownDropsOutputsFirst()
    {
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        _adc.SetLoop(2, 4.8, 150);
        double expected = double.NaN;

        int exit = RunUntil(new HostOptions(WriteConfig(), Path.Combine(_dir, "state"), Hardware: Hardware), loggers,
            r =>
            {
                expected = LoopCurrent.ToEngineering(4.8, r.Alarms.RangeMin(0), r.Alarms.RangeMax(0));
                var last = r.Alarms.LastReading(0);
                if (!r.Alarms.HasReading(0) || last.Quality != Quality.Good || Math.Abs(last.Value - expected) > 0.01) return false;
                _adc.SetLoop(2, 2.0, 150); // NAMUR NE43: ≤ 3.6 mA is a loop failure
                return true;
            },
            r => r.Alarms.LastReading(0).Quality == Quality.SensorFault,
            _ => _card.Frames.Contains("26")); // the reader's poll thread is looking for cards

        Assert.Equal(0, exit);
        Assert.Contains(_adc.Conversions, c => c == (6, 1, 7)); // AIN2, ±4.096 V, 860 SPS as configured
        var gpio = _gpio.Snapshot();
        Assert.Equal("mode 17 Output Low", gpio.First(l => l.Contains(" 17") && !l.StartsWith("open", StringComparison.Ordinal)));
        int lastLow = Array.LastIndexOf(gpio, "write 17 Low");
        Assert.True(lastLow > Array.LastIndexOf(gpio, "write 17 High"));
        int close = Array.IndexOf(gpio, "close 17");
        Assert.True(close < 0 || lastLow < close, string.Join(", ", gpio));
        var lines = log.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("analog input ai1: ADS1115 at /dev/i2c-1 address 0x49, AIN2, ±4096 mV, 860 SPS, shunt 150 Ω"));
        Assert.Contains(lines, l => l.Contains("card reader card: MFRC522 version 2.0 on /dev/spidev0.0"));
        int dropped = lines.FindIndex(l => l.Contains("every output de-energised"));
        int saved = lines.FindIndex(l => l.Contains("state saved"));
        Assert.True(dropped >= 0 && dropped < saved, string.Join("\n", lines));
    }

    [Fact]
    public void AnalogInputWithoutLinuxHostSettings_RefusesToStart_SayingWhatIsMissing()
    {
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        string config = WriteConfig(root => root["linuxHost"]!.AsObject().Remove("analogInputs"));

        int exit = GatewayHost.Run(new HostOptions(config, Path.Combine(_dir, "state"), Hardware: Hardware), loggers, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains(log.Lines, l => l.Contains("linuxHost.analogInputs.ai1"));
        Assert.DoesNotContain(_gpio.Snapshot(), l => l == "write 17 High");
    }

    [Fact]
    public void MissingChips_RefuseToStart_NamingTheBusAndAddress()
    {
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        _adc.Disconnected = true;
        _card.Version = 0x00; // nothing on the SPI bus answers

        int exit = GatewayHost.Run(new HostOptions(WriteConfig(), Path.Combine(_dir, "state"), Hardware: Hardware), loggers, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains(log.Lines, l => l.Contains("cannot reach the ADS1115 at /dev/i2c-1 address 0x49"));
        Assert.Contains(log.Lines, l => l.Contains("no MFRC522 answers on /dev/spidev0.0"));
        _adc.Disconnected = false;
    }
}
