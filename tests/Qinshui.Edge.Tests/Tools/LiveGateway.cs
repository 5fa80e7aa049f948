using System.Diagnostics;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Mqtt;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>
/// A gateway runtime on fake ports, connected through the real MQTTnet client (MqttNetLink) to
/// the embedded MQTTnet broker on a free loopback port: what qedge push/commission talk to.
/// The test thread scans the runtime while it waits (bounded) for the tool's task to finish.
/// </summary>
internal sealed class LiveGateway : IAsyncDisposable
{
    public static readonly byte[] Key = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();

    private LiveGateway(EmbeddedBroker? broker, int brokerPort, MqttNetLink link, GatewayConfig config, FakeClock clock, ExamplePorts ports, GatewayRuntime runtime)
    {
        Broker = broker;
        BrokerPort = brokerPort;
        Link = link;
        Config = config;
        Clock = clock;
        Ports = ports;
        Runtime = runtime;
    }

    /// <summary>The embedded broker, or null when the test gave the port of its own (a Mosquitto).</summary>
    public EmbeddedBroker? Broker { get; }
    public int BrokerPort { get; }
    public MqttNetLink Link { get; }
    public GatewayConfig Config { get; }
    public FakeClock Clock { get; }
    public ExamplePorts Ports { get; }
    public GatewayRuntime Runtime { get; }
    public string BrokerUrl => $"mqtt://127.0.0.1:{BrokerPort}";

    /// <param name="stagingCapacity">Bytes of the gateway's staging store: the largest chunked push it accepts.</param>
    /// <param name="brokerPort">A broker the test started (a Mosquitto); null: the embedded MQTTnet broker on a free port.</param>
    public static async Task<LiveGateway> StartAsync(string exampleFile, int stagingCapacity = SignedEnvelope.MaxEnvelopeBytes, int? brokerPort = null)
    {
        var loaded = ConfigFiles.Load(exampleFile);
        var config = loaded.Config ?? throw new InvalidOperationException(string.Join("\n", ConfigFiles.All(loaded.Errors)));
        var broker = brokerPort == null ? await EmbeddedBroker.StartAsync(Peers.FreeTcpPort()) : null;
        int port = brokerPort ?? broker!.Port;
        var topics = new MqttTopics(config.SiteId, config.GatewayId);
        var link = new MqttNetLink(new MqttLinkOptions
        {
            Host = "127.0.0.1",
            Port = port,
            ClientId = config.SiteId + "/" + config.GatewayId,
            CommandTopic = topics.Topic(MessageKind.Cmd),
            WillTopic = topics.Topic(MessageKind.State),
            WillPayload = "{\"state\":\"offline\"}"u8.ToArray(),
        });
        // The command processor judges expiry against the gateway's UTC: start it at the real time.
        var clock = new FakeClock(startMonotonicMs: 0, startUtcMs: DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var ports = new ExamplePorts(config, clock, link) { Staging = new MemoryStagingStore(stagingCapacity) };
        var runtime = new GatewayRuntime(config, ports, new GatewayBoot(Key, 1, "test"));
        link.Start();
        var g = new LiveGateway(broker, port, link, config, clock, ports, runtime);
        g.Drive(Task.Run(async () =>
        {
            var sw = Stopwatch.StartNew();
            while (!link.IsConnected && sw.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
            return link.IsConnected;
        }), TimeSpan.FromSeconds(15));
        if (!link.IsConnected) throw new InvalidOperationException("the gateway did not connect to the embedded broker: " + link.LastError);
        return g;
    }

    /// <summary>Scans the gateway every 10 ms of virtual time until task completes (at most limit of real time).</summary>
    public T Drive<T>(Task<T> task, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        while (!task.IsCompleted)
        {
            if (sw.Elapsed > limit) throw new TimeoutException("the tool did not finish within " + limit);
            Clock.Advance(10);
            Runtime.Scan();
            task.Wait(2); // bounded wait for the tool's condition, not a fixed sleep
        }
        return task.Result;
    }

    public async ValueTask DisposeAsync()
    {
        await Link.DisposeAsync();
        if (Broker != null) await Broker.DisposeAsync();
    }
}
