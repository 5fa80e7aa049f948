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
        server.ValidatingConnectionAsync += AssignMissingClientId;
        await server.StartAsync().ConfigureAwait(false);
        return new EmbeddedBroker(server, port);
    }

    /// <summary>
    /// A client may connect without an id (plain `mosquitto_sub`): MQTT 3.1.1 §3.1.3.1 lets the server
    /// assign one when the session is clean, MQTT 5 returns it as the assigned client identifier.
    /// An empty id with a persistent session has no session to resume and stays refused, as the
    /// specification says.
    /// </summary>
    private static Task AssignMissingClientId(ValidatingConnectionEventArgs e)
    {
        if (!string.IsNullOrEmpty(e.ClientId)) return Task.CompletedTask;
        if (e.CleanSession != true)
        {
            e.ReasonCode = MQTTnet.Protocol.MqttConnectReasonCode.ClientIdentifierNotValid;
            return Task.CompletedTask;
        }
        string assigned = "auto-" + Guid.NewGuid().ToString("N");
        e.AssignedClientIdentifier = assigned; // MQTT 5: returned in the CONNACK
        // MQTT 3.1.1: MQTTnet 5.2 takes the assigned id only for MQTT 5 and refuses an empty id otherwise,
        // so the id goes into the CONNECT packet the server is validating (its only place for it).
        if (e.ProtocolVersion != MQTTnet.Formatter.MqttProtocolVersion.V500 && s_connectPacket?.GetValue(e) is MQTTnet.Packets.MqttConnectPacket packet)
            packet.ClientId = assigned;
        return Task.CompletedTask;
    }

    private static readonly System.Reflection.FieldInfo? s_connectPacket =
        typeof(ValidatingConnectionEventArgs).GetField("_connectPacket", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic);

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        _server.Dispose();
    }
}
