using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes.Chips;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>qedge run with a PN532 card reader: opened over I2C (emulated I2cDevice) or HSU (socat pty), or refused with the reason.</summary>
[Collection(Pn532Collection.Name)]
public sealed class Pn532HostRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-pn532-").FullName;
    private readonly Ads1115Emulator _adc = new(1, 0x49);
    private readonly Pn532Emulator _pn532 = new();
    private readonly FakeGpioDriver _gpio = new();

    public void Dispose() => Directory.Delete(_dir, true);

    private HostHardware Hardware => new()
    {
        Gpio = chip => chip == 0 ? (_gpio, null) : (null, "no such chip"),
        I2c = s => s.BusId == 1 && s.DeviceAddress == 0x49 ? _adc
            : s.BusId == 1 && s.DeviceAddress == 0x24 ? new Pn532I2cEmulator(_pn532)
            : throw new IOException($"no device at {s.BusId}/0x{s.DeviceAddress:X2}"),
        Spi = _ => throw new IOException("no SPI here"),
    };

    private string WriteConfig(JsonObject reader) => LabHostConfig.Write(_dir, reader);

    /// <summary>Runs the host until the PN532's poll thread has listed targets twice (bounded), then stops it.</summary>
    private int RunUntilPolled(string config, ILoggerFactory loggers)
    {
        _adc.SetLoop(2, 4.8, 150);
        using var stop = new CancellationTokenSource();
        var host = Task.Factory.StartNew(() => GatewayHost.Run(new HostOptions(config, Path.Combine(_dir, "state"), Hardware: Hardware), loggers, stop.Token),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!host.IsCompleted && _pn532.Count(0x4A) < 2 && DateTime.UtcNow < deadline) host.Wait(5); // bounded wait for the poll thread
        bool polled = _pn532.Count(0x4A) >= 2;
        stop.Cancel();
        Assert.True(host.Wait(TimeSpan.FromSeconds(30)), "the host did not stop");
        Assert.True(polled, "the PN532 was never polled");
        return host.Result;
    }

    [Fact]
    public void Pn532OnI2c_IsOpened_AndPolledOnItsOwnThread()
    {
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));

        int exit = RunUntilPolled(WriteConfig(new JsonObject { ["chip"] = "pn532", ["i2cBus"] = 1, ["pollIntervalMs"] = 20 }), loggers);

        Assert.Equal(0, exit);
        Assert.Contains(log.Lines, l => l.Contains("card reader card: PN532 firmware 1.6 on /dev/i2c-1 address 0x24, polled every 20 ms"));
        Assert.Equal(new byte[] { 0x02, 0x01, 0x01 }, _pn532.MaxRetries);
        Assert.Equal(0, _pn532.BadHostFrames);
    }

    [SkippableFact]
    public void Pn532OnHsu_IsOpened_AndPolledOnItsOwnThread()
    {
        using var peer = new Pn532HsuPeer(_pn532);
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));

        int exit = RunUntilPolled(WriteConfig(new JsonObject { ["chip"] = "pn532", ["serialPort"] = peer.HostPort, ["pollIntervalMs"] = 20 }), loggers);

        Assert.Equal(0, exit);
        Assert.Contains(log.Lines, l => l.Contains($"card reader card: PN532 firmware 1.6 on {peer.HostPort} (HSU, 115200 8N1)"));
        Assert.Equal(0, _pn532.BadHostFrames);
    }

    [SkippableFact]
    public void SilentPn532OnHsu_RefusesToStart_NamingThePort()
    {
        using var peer = new Pn532HsuPeer(_pn532);
        _pn532.Silent = true;
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));

        int exit = GatewayHost.Run(new HostOptions(WriteConfig(new JsonObject { ["chip"] = "pn532", ["serialPort"] = peer.HostPort }), Path.Combine(_dir, "state"), Hardware: Hardware), loggers, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains(log.Lines, l => l.Contains($"linuxHost.cardReaders.card: no PN532 answers on {peer.HostPort} (HSU, 115200 8N1) (3 handshakes"));
        Assert.Equal(Pn532CardReader.OpenAttempts, _pn532.Count(0x02));
        Assert.DoesNotContain(_gpio.Snapshot(), l => l == "write 17 High");
    }

    [Fact]
    public void MissingSerialPort_RefusesToStart_NamingThePort()
    {
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        string port = Path.Combine(_dir, "no-such-tty");

        int exit = GatewayHost.Run(new HostOptions(WriteConfig(new JsonObject { ["chip"] = "pn532", ["serialPort"] = port }), Path.Combine(_dir, "state"), Hardware: Hardware), loggers, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains(log.Lines, l => l.Contains($"linuxHost.cardReaders.card: cannot open the PN532 on {port} (HSU, 115200 8N1)"));
    }

    [Fact]
    public void ChipThatIsNotAPn532_RefusesToStart()
    {
        var log = new ListLogger();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        _pn532.IcVersion = 0x00;

        int exit = GatewayHost.Run(new HostOptions(WriteConfig(new JsonObject { ["chip"] = "pn532", ["i2cBus"] = 1 }), Path.Combine(_dir, "state"), Hardware: Hardware), loggers, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains(log.Lines, l => l.Contains("linuxHost.cardReaders.card: no PN532 answers on /dev/i2c-1 address 0x24"));
    }
}
