using System.Text;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The gateway's MQTT link to a broker in the same process, in virtual time: deterministic, so
/// `sim run --fast` gives the same result every run. A publish reaches the platform's inbox and is
/// acknowledged (QoS 1) at once while the broker is available; while it is down the link reports
/// disconnected and refuses publishes (the session keeps them in the journal); the platform's
/// commands are queued for the gateway to take. A power cut also drops the link.
/// </summary>
public sealed class InMemoryPlatformLink : IMqttLink
{
    private readonly Func<long> _nowMs;
    private readonly Queue<int> _acks = new();
    private readonly Queue<(string Topic, byte[] Payload)> _commands = new();
    private int _nextToken = 1;

    public InMemoryPlatformLink(PlatformInbox inbox, Func<long> nowMs)
    {
        Inbox = inbox;
        _nowMs = nowMs;
    }

    public PlatformInbox Inbox { get; }
    public bool BrokerAvailable { get; set; } = true;
    public bool GatewayPowered { get; set; } = true;
    public bool IsConnected => BrokerAvailable && GatewayPowered;
    public long Published { get; private set; }
    public long Acknowledged { get; private set; }

    public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected) return 0;
        var copy = new byte[count];
        Array.Copy(payload, offset, copy, 0, count);
        Inbox.Add(new PlatformMessage(_nowMs(), topic, copy));
        Published++;
        int token = _nextToken++;
        if (_nextToken <= 0) _nextToken = 1;
        _acks.Enqueue(token);
        return token;
    }

    public bool TryTakeAcknowledged(out int token)
    {
        if (!IsConnected)
        {
            // The connection dropped: acknowledgements not yet taken are lost with it.
            _acks.Clear();
            token = 0;
            return false;
        }
        if (!_acks.TryDequeue(out token)) return false;
        Acknowledged++;
        return true;
    }

    /// <summary>The platform publishes a command to the gateway's cmd topic.</summary>
    public void SendCommand(string topic, byte[] payload) => _commands.Enqueue((topic, payload));

    public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
    {
        topicLength = 0;
        payloadLength = 0;
        if (!IsConnected || !_commands.TryDequeue(out var m)) return false;
        byte[] t = Encoding.UTF8.GetBytes(m.Topic);
        if (t.Length > topicBuffer.Length || m.Payload.Length > payloadBuffer.Length) return false;
        Array.Copy(t, topicBuffer, t.Length);
        topicLength = t.Length;
        Array.Copy(m.Payload, payloadBuffer, m.Payload.Length);
        payloadLength = m.Payload.Length;
        return true;
    }
}
