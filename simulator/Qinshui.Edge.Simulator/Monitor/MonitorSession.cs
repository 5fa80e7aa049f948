using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Monitor;

/// <summary>
/// qedge monitor: subscribes to the topic filter as the platform would and prints each message
/// through <see cref="MonitorPrinter"/> until the duration ends or the token is cancelled.
/// Returns 1 when anything was flagged (gap, duplicate, malformed) or the broker is unreachable.
/// </summary>
public static class MonitorSession
{
    public static int Run(MonitorOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        var printer = new MonitorPrinter(options.Raw, options.Language);
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
                var lines = printer.Accept(m.Topic, payload, m.Retain, clock.ElapsedMilliseconds, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                foreach (var l in lines)
                    if (!options.Quiet || l.StartsWith("  !! ", StringComparison.Ordinal)) stdout.WriteLine(l);
            }
            return Task.CompletedTask;
        };
        bool tls = options.Broker.Scheme == "mqtts";
        var builder = factory.CreateClientOptionsBuilder().WithTcpServer(options.Broker.Host, options.Broker.Port > 0 ? options.Broker.Port : tls ? 8883 : 1883)
            .WithClientId("qedge-monitor-" + Environment.ProcessId).WithCleanSession(true);
        if (tls)
        {
            if (options.Tls == null) throw new Qinshui.Edge.Desktop.UsageException("mqtts:// needs the site CA (--ca) to check the broker");
            builder = options.Tls.Apply(builder, options.Broker.Host);
        }
        var mqtt = builder.Build();
        try
        {
            client.ConnectAsync(mqtt, cancel).GetAwaiter().GetResult();
            client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(options.TopicFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), cancel).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stderr.WriteLine($"monitor: cannot connect to {options.Broker}: {e.Message}");
            return 1;
        }
        string how = options.DurationMs is long t ? $" for {Duration.Format(t)}" : " (Ctrl+C to stop)";
        stdout.WriteLine(options.Language == "zh" ? $"正在监视 {options.Broker} 上的 {options.TopicFilter}{how}" : $"monitoring {options.TopicFilter} on {options.Broker}{how}");
        try
        {
            while (!cancel.IsCancellationRequested && (options.DurationMs == null || clock.ElapsedMilliseconds < options.DurationMs))
            {
                cancel.WaitHandle.WaitOne(500);
                lock (gate)
                {
                    foreach (var l in printer.Expire(clock.ElapsedMilliseconds)) stdout.WriteLine(l);
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
            stdout.WriteLine(printer.Summary());
            return printer.Checker.Problems.Count > 0 ? 1 : 0;
        }
    }
}
