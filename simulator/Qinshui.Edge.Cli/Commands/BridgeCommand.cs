using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Desktop.Platform.Feed;
using Qinshui.Edge.Desktop.Platform.Mtt1201;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge bridge mtt1201: subscribes to gateways as the platform would and writes the national
/// coal-mine files (MT/T 1201.1-2023, layout reconstructed: docs/mtt1201.md) into a folder a
/// provincial or county collector picks up.
/// </summary>
public sealed class BridgeCommand : ICommand
{
    public string Name => "bridge";
    public string Usage => "bridge mtt1201 --broker mqtt://host:port --mine-code CODE --out DIR [--mine-name NAME] [--period 10s] [--points FILE] [--topic qinshui/v1/#] [--duration D]";
    public string Summary => "write MT/T 1201.1 files (CDDY point definitions, CDSS real-time, YCBJ anomalies) from what gateways publish";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0 || argv[0] != "mtt1201") throw new UsageException("bridge needs a format: mtt1201");
        var args = new Arguments(argv.Skip(1).ToArray(), [], ["--broker", "--mine-code", "--mine-name", "--out", "--period", "--points", "--topic", "--duration"]);
        args.NoPositional();
        string broker = args.Required("--broker");
        if (!broker.StartsWith("mqtt://", StringComparison.Ordinal) || !Uri.TryCreate(broker, UriKind.Absolute, out var uri))
            throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        long periodMs = DurationOption(args, "--period") ?? 10_000;
        long? durationMs = DurationOption(args, "--duration");
        var options = new Mtt1201Options(args.Required("--mine-code"), args.Value("--mine-name") ?? "", args.Required("--out"), periodMs,
            args.Value("--points") is string points ? PointCatalog.Load(points) : PointCatalog.Empty);
        var feed = new GatewayFeed();
        Mtt1201Bridge bridge;
        try
        {
            bridge = new Mtt1201Bridge(options, feed);
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"bridge: {e.Message}");
            return CommandLine.ExitFailure;
        }
        var gate = new object();
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (gate) feed.Accept(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return Task.CompletedTask;
        };
        var connect = factory.CreateClientOptionsBuilder().WithTcpServer(uri.Host, uri.Port > 0 ? uri.Port : 1883)
            .WithClientId("qedge-bridge-" + Environment.ProcessId).WithCleanSession(true).Build();
        try
        {
            client.ConnectAsync(connect).GetAwaiter().GetResult();
            client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(args.Value("--topic") ?? "qinshui/v1/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build())
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stderr.WriteLine($"bridge: cannot connect to {broker}: {e.Message}");
            return CommandLine.ExitFailure;
        }
        stdout.WriteLine($"bridge mtt1201: mine {options.MineCode} → {Path.GetFullPath(options.OutDir)}, real-time every {Duration.Format(periodMs)}");
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        var clock = Stopwatch.StartNew();
        int reported = 0;
        try
        {
            while (!stop.IsCancellationRequested && (durationMs == null || clock.ElapsedMilliseconds < durationMs))
            {
                lock (gate)
                {
                    bridge.Tick(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    for (; reported < bridge.Written.Count; reported++) stdout.WriteLine($"  wrote {Path.GetFileName(bridge.Written[reported])}");
                }
                stop.Token.WaitHandle.WaitOne(200);
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            try
            {
                client.DisconnectAsync().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Broker gone: nothing to close.
            }
        }
        return CommandLine.ExitOk;
    }

    private static long? DurationOption(Arguments args, string name)
    {
        if (args.Value(name) is not string text) return null;
        if (!Duration.TryParseMs(text, out long ms) || ms <= 0) throw new UsageException($"option {name}: '{text}' is not a duration");
        return ms;
    }
}
