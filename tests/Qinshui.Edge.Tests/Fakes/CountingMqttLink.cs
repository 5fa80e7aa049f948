using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// A connected MQTT link that acknowledges every publish and keeps only counts, allocating
/// nothing: for asserting that the gateway's own steady-state scan allocates nothing.
/// </summary>
public sealed class CountingMqttLink : IMqttLink
{
    private readonly int[] _acks = new int[1024];
    private int _head;
    private int _count;
    private int _next;

    public bool IsConnected => true;
    public long Publishes { get; private set; }
    public long Bytes { get; private set; }

    public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (_count == _acks.Length) return 0;
        Publishes++;
        Bytes += count;
        int token = ++_next;
        _acks[(_head + _count) % _acks.Length] = token;
        _count++;
        return token;
    }

    public bool TryTakeAcknowledged(out int token)
    {
        if (_count == 0)
        {
            token = 0;
            return false;
        }
        token = _acks[_head];
        _head = (_head + 1) % _acks.Length;
        _count--;
        return true;
    }

    public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
    {
        topicLength = 0;
        payloadLength = 0;
        return false;
    }
}
