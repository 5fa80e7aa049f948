using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>One publish waiting for the link's send loop.</summary>
public sealed class OutgoingPublish(int token, string topic, byte[] payload, bool retain)
{
    public int Token { get; } = token;
    public string Topic { get; } = topic;
    public byte[] Payload { get; } = payload;
    public bool Retain { get; } = retain;
    /// <summary>Taken already (through the urgent lane): skipped when the ordinary lane reaches it.</summary>
    internal bool Taken { get; set; }

    /// <summary>Everything but data (alarm, event, state, health, reply, birth, meta) goes before queued data (issue 16 #6).</summary>
    public bool IsUrgent => !Topic.EndsWith("/data", StringComparison.Ordinal);
}

/// <summary>
/// The desktop link's send queue with a lane for live messages: the send loop awaits each PUBACK, so a
/// window of journal data handed over during a replay waits here, and an alarm or event published
/// after it must not queue behind it (it waited behind 6–8 data messages). <see cref="TakeAsync"/>
/// returns the oldest urgent publish first, then the oldest data. One reader (the send loop).
/// </summary>
public sealed class PublishQueue
{
    private readonly Channel<OutgoingPublish> _all = Channel.CreateUnbounded<OutgoingPublish>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentQueue<OutgoingPublish> _urgent = new();

    public bool TryAdd(OutgoingPublish o)
    {
        if (o.IsUrgent) _urgent.Enqueue(o);
        return _all.Writer.TryWrite(o);
    }

    /// <summary>The next publish to send: urgent ones first. Waits until one is queued (or the token ends).</summary>
    public async ValueTask<OutgoingPublish> TakeAsync(CancellationToken cancel)
    {
        while (true)
        {
            while (_urgent.TryDequeue(out var u))
            {
                if (u.Taken) continue;
                u.Taken = true;
                return u;
            }
            if (_held != null)
            {
                var h = _held;
                _held = null;
                if (h.Taken) continue;
                h.Taken = true;
                return h;
            }
            var o = await _all.Reader.ReadAsync(cancel).ConfigureAwait(false);
            if (o.Taken) continue;
            if (!o.IsUrgent && !_urgent.IsEmpty)
            {
                // An urgent publish came while this data one waited: the urgent one goes first, this one next.
                _held = o;
                continue;
            }
            o.Taken = true;
            return o;
        }
    }

    /// <summary>A data publish read from the channel while an urgent one was waiting: sent right after it.</summary>
    private OutgoingPublish? _held;
}
