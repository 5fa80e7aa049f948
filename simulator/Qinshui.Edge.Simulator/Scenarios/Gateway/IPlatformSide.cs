using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The gateway's MQTT link and the platform at the other end: what the platform received (for
/// the journal and MQTT checks) and the platform's commands to the gateway. In memory for
/// deterministic scenario runs; over a real broker (embedded MQTTnet or --broker) for the demo.
/// </summary>
public interface IPlatformSide : IDisposable
{
    string Description { get; }

    /// <summary>The description in Chinese (defaults to the English one).</summary>
    string DescriptionZh => Description;
    IMqttLink Link { get; }
    PlatformInbox Inbox { get; }
    long Published { get; }
    long Acknowledged { get; }

    /// <summary>The gateway lost or regained power: its connection goes with it.</summary>
    void GatewayPowered(bool powered);

    /// <summary>The plant's broker availability (broker_down / broker_up actions).</summary>
    void BrokerAvailable(bool available);

    /// <summary>The platform publishes on the gateway's cmd topic.</summary>
    void SendCommand(string topic, byte[] payload);
}

/// <summary>The in-process platform in virtual time (see <see cref="InMemoryPlatformLink"/>).</summary>
public sealed class InMemoryPlatform : IPlatformSide
{
    private readonly InMemoryPlatformLink _link;

    public InMemoryPlatform(Func<long> nowMs)
    {
        Inbox = new PlatformInbox();
        _link = new InMemoryPlatformLink(Inbox, nowMs);
    }

    public string Description => "in-memory broker in virtual time";
    public string DescriptionZh => "虚拟时间内的内存代理服务器";
    public IMqttLink Link => _link;
    public PlatformInbox Inbox { get; }
    public long Published => _link.Published;
    public long Acknowledged => _link.Acknowledged;
    public void GatewayPowered(bool powered) => _link.GatewayPowered = powered;
    public void BrokerAvailable(bool available) => _link.BrokerAvailable = available;
    public void SendCommand(string topic, byte[] payload) => _link.SendCommand(topic, payload);
    public void Dispose() { }
}
