using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// An MQTT link that throws from IsConnected once told to: a driver bug reached from the middle of
/// the scan (the scan asks the link before evaluating the zones). Otherwise it is the fake link.
/// </summary>
public sealed class ThrowingMqttLink(FakeMqttLink inner) : IMqttLink
{
    public bool Throw { get; set; }
    public int Throws { get; private set; }

    public bool IsConnected
    {
        get
        {
            if (!Throw) return inner.IsConnected;
            Throws++;
            throw new InvalidOperationException("link driver fault");
        }
    }

    public int Publish(string topic, byte[] payload, int offset, int count, bool retain) => inner.Publish(topic, payload, offset, count, retain);
    public bool TryTakeAcknowledged(out int token) => inner.TryTakeAcknowledged(out token);
    public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
        => inner.TryReceive(topicBuffer, out topicLength, payloadBuffer, out payloadLength);
}
