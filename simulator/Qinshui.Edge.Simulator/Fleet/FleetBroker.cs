using System.Net;
using System.Net.Sockets;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>The broker of a fleet run: a Mosquitto started for it, the embedded MQTTnet server, or one already running.</summary>
public sealed class FleetBroker : IAsyncDisposable
{
    private readonly MosquittoProcess? _mosquitto;
    private readonly EmbeddedBroker? _embedded;

    private FleetBroker(string host, int port, string name, MosquittoProcess? mosquitto, EmbeddedBroker? embedded)
    {
        Host = host;
        Port = port;
        Name = name;
        _mosquitto = mosquitto;
        _embedded = embedded;
    }

    public string Host { get; }
    public int Port { get; }
    public string Name { get; }

    /// <summary>CPU time of a separate broker process; null when the broker runs in this process or is not ours.</summary>
    public TimeSpan? ProcessCpu => _mosquitto?.TotalProcessorTime;

    /// <summary>
    /// Mosquitto sends a QoS 1 subscriber at most max_inflight_messages (default 20) unacknowledged
    /// messages, so one platform client consuming a whole fleet gets 20 messages per round trip: at
    /// 2,000 messages/s any 10 ms hiccup in its acknowledgements grows a queue in the broker that
    /// never drains (mosquitto.conf(5)). A platform that consumes a fleet through one connection
    /// raises it; 1000 keeps the broker's queue bounded and the subscriber's memory small.
    /// </summary>
    public const string MosquittoFleetConfig = "max_inflight_messages 1000\n";

    public static async Task<FleetBroker> StartAsync(FleetOptions options)
    {
        switch (options.Broker)
        {
            case FleetBrokerKind.Mosquitto:
                var m = MosquittoProcess.Start(extraConfig: MosquittoFleetConfig);
                return new FleetBroker("127.0.0.1", m.Port, "Mosquitto", m, null);
            case FleetBrokerKind.Embedded:
                var e = await EmbeddedBroker.StartAsync(FreePort()).ConfigureAwait(false);
                return new FleetBroker("127.0.0.1", e.Port, "embedded MQTTnet broker (in this process)", null, e);
            default:
                return new FleetBroker(options.Host, options.Port, "broker", null, null);
        }
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _mosquitto?.Dispose();
        if (_embedded != null) await _embedded.DisposeAsync().ConfigureAwait(false);
    }
}
