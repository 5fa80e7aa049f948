using System.Collections.Concurrent;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// What the link received, waiting for the core's pump, in two bounded lanes (issue 15 #8): the
/// reserved lane holds commands whose MAC the <see cref="CommandAuthenticator"/> verified, the
/// other lane everything else. The pump takes the reserved lane first, so 20,000 junk commands
/// fill only their own lane and a signed trip still gets through. Whatever a full lane drops is
/// counted (health: <c>commands_dropped</c>). Without an authenticator there is one lane, as before.
/// </summary>
public sealed class CommandInbox(int capacityPerLane, CommandAuthenticator? authenticator)
{
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _signed = new();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _other = new();
    private long _offered;
    private long _dropped;
    private long _signedDropped;

    /// <summary>Messages offered so far.</summary>
    public long Offered => Interlocked.Read(ref _offered);

    /// <summary>Messages dropped because their lane was full (signed ones included).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Authenticated commands dropped because even the reserved lane was full.</summary>
    public long SignedDropped => Interlocked.Read(ref _signedDropped);

    /// <summary>Called on the receive thread.</summary>
    public void Offer(string topic, byte[] payload)
    {
        Interlocked.Increment(ref _offered);
        bool signed = authenticator != null && authenticator.IsAuthentic(payload);
        var lane = signed ? _signed : _other;
        // Count then enqueue: one receive thread (MQTTnet delivers in order), so the bound holds.
        if (lane.Count >= capacityPerLane)
        {
            Interlocked.Increment(ref _dropped);
            if (signed) Interlocked.Increment(ref _signedDropped);
            return;
        }
        lane.Enqueue((topic, payload));
    }

    /// <summary>Called by the core's pump: the reserved lane first.</summary>
    public bool TryTake(out (string Topic, byte[] Payload) message) => _signed.TryDequeue(out message) || _other.TryDequeue(out message);
}
