using System.Buffers;
using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Qinshui.Edge.Desktop.Platform.Feed;

namespace Qinshui.Edge.Desktop.Platform.Mtt1201;

/// <summary>
/// What `qedge bridge mtt1201` asks for: the broker (mqtt://host:port), the topic filter, how long
/// to run (null: until cancelled), the files' settings, an optional point catalogue file, and the
/// real-time period as the user wrote it (for the start line).
/// </summary>
public sealed record Mtt1201RunOptions(Uri Broker, string Topic, long? DurationMs, string MineCode, string MineName, string OutDir, long RealTimePeriodMs,
    string? PointsFile, string PeriodText);

/// <summary>
/// Subscribes to gateways as the platform would and writes the national coal-mine files
/// (MT/T 1201.1-2023, layout reconstructed: docs/mtt1201.md) into a folder a provincial or county
/// collector picks up, until cancelled or the duration ends.
/// </summary>
public static class Mtt1201Run
{
    public static ToolOutcome Run(Mtt1201RunOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        var options = new Mtt1201Options(o.MineCode, o.MineName, o.OutDir, o.RealTimePeriodMs,
            o.PointsFile is string points ? PointCatalog.Load(points) : PointCatalog.Empty);
        var feed = new GatewayFeed();
        Mtt1201Bridge bridge;
        try
        {
            bridge = new Mtt1201Bridge(options, feed);
        }
        catch (InvalidDataException e)
        {
            stderr.WriteLine($"bridge: {e.Message}");
            return ToolOutcome.Failed;
        }
        var gate = new object();
        var factory = new MqttClientFactory();
        using var client = factory.CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            lock (gate) feed.Accept(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return Task.CompletedTask;
        };
        var connect = factory.CreateClientOptionsBuilder().WithTcpServer(o.Broker.Host, o.Broker.Port > 0 ? o.Broker.Port : 1883)
            .WithClientId("qedge-bridge-" + Environment.ProcessId).WithCleanSession(true).Build();
        try
        {
            client.ConnectAsync(connect).GetAwaiter().GetResult();
            client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(o.Topic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build())
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            stderr.WriteLine($"bridge: cannot connect to {o.Broker.OriginalString}: {e.Message}");
            return ToolOutcome.Failed;
        }
        stdout.WriteLine($"bridge mtt1201: mine {options.MineCode} → {Path.GetFullPath(options.OutDir)}, real-time every {o.PeriodText}");
        var clock = Stopwatch.StartNew();
        int reported = 0;
        try
        {
            while (!cancel.IsCancellationRequested && (o.DurationMs == null || clock.ElapsedMilliseconds < o.DurationMs))
            {
                lock (gate)
                {
                    bridge.Tick(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                    for (; reported < bridge.Written.Count; reported++) stdout.WriteLine($"  wrote {Path.GetFileName(bridge.Written[reported])}");
                }
                cancel.WaitHandle.WaitOne(200);
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
        return ToolOutcome.Ok;
    }
}
