using System.Buffers;
using System.Diagnostics;
using System.Text;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Platform;

/// <summary>What `qedge monitor` asks for: the broker (mqtt://host:port), the topic filter, how long (null: until cancelled), and whether to print only problems.</summary>
public sealed record StreamMonitorOptions(Uri Broker, string Topic, long? DurationMs, bool Quiet);

/// <summary>
/// Subscribes to qinshui/v1/# as the platform would and prints what arrives, flagging sequence
/// gaps, duplicates and payloads that break the message format (<see cref="StreamChecker"/>).
/// Failed when anything was flagged, for CI.
/// </summary>
public static class StreamMonitor
{
    public static ToolOutcome Run(StreamMonitorOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
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
                if (!o.Quiet)
                {
                    string text = Encoding.UTF8.GetString(payload);
                    stdout.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {m.Topic}{(m.Retain ? " (retained)" : "")} {(text.Length > 160 ? text[..160] + "…" : text)}");
                }
                foreach (var p in problems) stdout.WriteLine($"  !! {p.Kind}: {p.Topic}: {p.Detail}");
            }
            return Task.CompletedTask;
        };
        var options = factory.CreateClientOptionsBuilder().WithTcpServer(o.Broker.Host, o.Broker.Port > 0 ? o.Broker.Port : 1883)
            .WithClientId("qedge-monitor-" + Environment.ProcessId).WithCleanSession(true).Build();
        string broker = o.Broker.OriginalString;
        try
        {
            client.ConnectAsync(options).GetAwaiter().GetResult();
            client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(o.Topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build()).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stderr.WriteLine($"monitor: cannot connect to {broker}: {e.Message}");
            return ToolOutcome.Failed;
        }
        stdout.WriteLine($"monitoring {o.Topic} on {broker}{(o.DurationMs is long t ? $" for {Duration.Format(t)}" : " (Ctrl+C to stop)")}");
        try
        {
            while (!cancel.IsCancellationRequested && (o.DurationMs == null || clock.ElapsedMilliseconds < o.DurationMs))
            {
                cancel.WaitHandle.WaitOne(500);
                lock (gate)
                {
                    foreach (var p in checker.ExpireGaps(clock.ElapsedMilliseconds)) stdout.WriteLine($"  !! {p.Kind}: {p.Topic}: {p.Detail}");
                }
            }
        }
        finally
        {
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
            return checker.Problems.Count > 0 ? ToolOutcome.Failed : ToolOutcome.Ok;
        }
    }
}
