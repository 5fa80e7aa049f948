using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Host.Linux;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge run: the gateway on a Linux machine (industrial PC, Raspberry Pi, laptop with a USB–RS-485 dongle).</summary>
public sealed class RunCommand : ICommand
{
    public string Name => "run";
    public string Usage => "run --config FILE [--state DIR] [--key HEX|@KEYFILE] [--bundle DIR] [--broker mqtt[s]://HOST:PORT] [--gpiochip N] [--log-level debug|info|warning]";
    public string Summary => "run the gateway core on this Linux machine with serial, GPIO, MQTTnet and a file journal (Ctrl-C/SIGTERM: outputs off, then exit)";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--config", "--state", "--key", "--bundle", "--broker", "--gpiochip", "--log-level"]);
        args.NoPositional();
        var level = args.Choice("--log-level", LogLevel.Information, new Dictionary<string, LogLevel>
        {
            ["debug"] = LogLevel.Debug, ["info"] = LogLevel.Information, ["warning"] = LogLevel.Warning,
        });
        var options = new HostOptions(args.Required("--config"), args.Value("--state") ?? "qedge-state",
            args.Value("--key") is { } k ? KeyMaterial.Parse(k) : null, args.Value("--broker"), args.Value("--bundle"), args.Int("--gpiochip", 0, 0, 64));
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(level).AddSimpleConsole(c =>
        {
            c.SingleLine = true;
            c.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            c.UseUtcTimestamp = true;
        }));
        // Iot.Device.Bindings' drivers (Ads1115, MfRc522) log through their own dispatcher: send it to the same console.
        Iot.Device.Common.LogDispatcher.LoggerFactory = loggers;
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        try
        {
            return GatewayHost.Run(options, loggers, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
