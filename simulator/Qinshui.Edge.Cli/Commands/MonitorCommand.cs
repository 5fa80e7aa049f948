using System.Buffers;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Simulator.Platform;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>
/// qedge monitor --broker URL: subscribes to qinshui/v1/# as the platform would and prints what
/// arrives, flagging sequence gaps, duplicates and payloads that break the message format
/// (<see cref="StreamChecker"/>). Exit 1 when anything was flagged (with --duration), for CI.
/// </summary>
public sealed class MonitorCommand : ICommand
{
    public string Name => "monitor";
    public string Usage => "monitor --broker mqtt://host:port [--topic qinshui/v1/#] [--duration 30s] [--quiet]";
    public string Summary => "watch what gateways publish: gaps, duplicates and payloads that break the format are flagged";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--quiet"], ["--broker", "--topic", "--duration"]);
        string broker = args.Value("--broker") ?? throw new UsageException("monitor needs --broker mqtt://host:port");
        if (!broker.StartsWith("mqtt://", StringComparison.Ordinal)) throw new UsageException($"option --broker: '{broker}' is not mqtt://host:port");
        var uri = new Uri(broker);
        long? durationMs = null;
        if (args.Value("--duration") is string d)
        {
            if (!Duration.TryParseMs(d, out long ms) || ms <= 0) throw new UsageException($"option --duration: '{d}' is not a duration");
            durationMs = ms;
        }
        string filter = args.Value("--topic") ?? "qinshui/v1/#";
        bool quiet = args.Flag("--quiet");
        var checker = new StreamChecker();
        var clock = Stopwatch.StartNew();
        var gate = new object();
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            byte[] payload = m.Payload.ToArray();
            lock (gate)
            {
                var problems = checker.Check(m.Topic, payload, m.Retain, clock.ElapsedMilliseconds);
                if (!quiet)
                {
                    string text = Encoding.UTF8.GetString(payload);
                    stdout.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {m.Topic}{(m.Retain ? " (retained)" : "")} {(text.Length > 160 ? text[..160] + "…" : text)}");
                }
                foreach (var p in problems) stdout.WriteLine($"  !! {p.Kind}: {p.Topic}: {p.Detail}");
            }
            return Task.CompletedTask;
        };
        var options = factory.CreateClientOptionsBuilder().WithTcpServer(uri.Host, uri.Port > 0 ? uri.Port : 1883)
            .WithClientId("qedge-monitor-" + Environment.ProcessId).WithCleanSession(true).Build();
        try
        {
            client.ConnectAsync(options).GetAwaiter().GetResult();
            client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stderr.WriteLine($"monitor: cannot connect to {broker}: {e.Message}");
            return CommandLine.ExitFailure;
        }
        stdout.WriteLine($"monitoring {filter} on {broker}{(durationMs is long t ? $" for {Duration.Format(t)}" : " (Ctrl+C to stop)")}");
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            while (!stop.IsCancellationRequested && (durationMs == null || clock.ElapsedMilliseconds < durationMs))
            {
                stop.Token.WaitHandle.WaitOne(500);
                lock (gate)
                {
                    foreach (var p in checker.ExpireGaps(clock.ElapsedMilliseconds)) stdout.WriteLine($"  !! {p.Kind}: {p.Topic}: {p.Detail}");
                }
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
        lock (gate)
        {
            stdout.WriteLine($"{checker.Messages} messages ({string.Join(", ", checker.PerKind.Select(k => $"{k.Key} {k.Value}"))}); " +
                             $"{checker.Problems.Count(p => p.Kind == "gap")} gap(s), {checker.Problems.Count(p => p.Kind == "duplicate")} duplicate(s), " +
                             $"{checker.Problems.Count(p => p.Kind is "schema" or "topic")} malformed");
            return checker.Problems.Count > 0 ? CommandLine.ExitFailure : CommandLine.ExitOk;
        }
    }
}
