using System.Net;
using MQTTnet.Server;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// The default broker when none is configured: an MQTTnet server on loopback (or any address),
/// plain TCP. For development and the simulator; plants use their own broker (Mosquitto, EMQX…).
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }
    public MqttServer Server => _server;

    public static async Task<EmbeddedBroker> StartAsync(int port, IPAddress? bindAddress = null)
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(bindAddress ?? IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync().ConfigureAwait(false);
        return new EmbeddedBroker(server, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        _server.Dispose();
    }
}
