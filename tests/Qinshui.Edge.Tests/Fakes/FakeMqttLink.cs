using System.Text;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>In-memory MQTT link: records publishes, acknowledges on demand, injects commands.</summary>
public sealed class FakeMqttLink : IMqttLink
{
    public sealed record Sent(int Token, string Topic, byte[] Payload, bool Retain)
    {
        public string Text => Encoding.UTF8.GetString(Payload);
        public string Kind => Topic[(Topic.LastIndexOf('/') + 1)..];
    }

    private int _nextToken = 1;
    private readonly Queue<int> _acks = new();
    private readonly Queue<(string, byte[])> _incoming = new();

    public bool IsConnected { get; set; }
    public bool AutoAck { get; set; }
    /// <summary>When set, Publish refuses (returns 0): the adapter's queue is full.</summary>
    public bool RefusePublishes { get; set; }
    public List<Sent> Published { get; } = new();
    public List<Sent> Unacked { get; } = new();

    public int Publish(string topic, byte[] payload, int offset, int count, bool retain)
    {
        if (!IsConnected || RefusePublishes) return 0;
        var s = new Sent(_nextToken++, topic, payload.AsSpan(offset, count).ToArray(), retain);
        Published.Add(s);
        if (AutoAck) _acks.Enqueue(s.Token);
        else Unacked.Add(s);
        return s.Token;
    }

    /// <summary>The broker acknowledges every publish so far.</summary>
    public void AckAll()
    {
        foreach (var s in Unacked) _acks.Enqueue(s.Token);
        Unacked.Clear();
    }

    /// <summary>
    /// The broker acknowledges one publish, by its packet id (token): PUBACKs of QoS 1 come per
    /// packet and in any order. False when that publish is not waiting for its PUBACK.
    /// </summary>
    public bool Ack(int token)
    {
        int i = Unacked.FindIndex(s => s.Token == token);
        if (i < 0) return false;
        Unacked.RemoveAt(i);
        _acks.Enqueue(token);
        return true;
    }

    /// <summary>The connection drops: nothing unacknowledged will ever be acknowledged.</summary>
    public void Drop()
    {
        IsConnected = false;
        Unacked.Clear();
        _acks.Clear();
    }

    public void Inject(string topic, byte[] payload) => _incoming.Enqueue((topic, payload));

    public bool TryTakeAcknowledged(out int token) => _acks.TryDequeue(out token);

    public bool TryReceive(byte[] topicBuffer, out int topicLength, byte[] payloadBuffer, out int payloadLength)
    {
        topicLength = 0;
        payloadLength = 0;
        if (!_incoming.TryDequeue(out var m)) return false;
        byte[] t = Encoding.UTF8.GetBytes(m.Item1);
        topicLength = Math.Min(t.Length, topicBuffer.Length);
        Array.Copy(t, topicBuffer, topicLength);
        payloadLength = m.Item2.Length;
        Array.Copy(m.Item2, payloadBuffer, Math.Min(m.Item2.Length, payloadBuffer.Length));
        return true;
    }
}
