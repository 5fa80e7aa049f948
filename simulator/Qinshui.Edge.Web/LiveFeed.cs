using Qinshui.Edge.Desktop.Platform.Feed;

namespace Qinshui.Edge.Web;

/// <summary>
/// The gateways' feed shared between the MQTT subscriber (writes) and the browsers' streams (read
/// snapshots): one lock around <see cref="GatewayFeed"/>, a version that counts accepted messages,
/// and a task each stream awaits until the next change.
/// </summary>
public sealed class LiveFeed
{
    private readonly object _gate = new();
    private readonly GatewayFeed _feed = new();
    private TaskCompletionSource _changed = NewSignal();

    public long Version { get; private set; }

    /// <summary>Takes one message (what the broker delivered); false when it is no gateway message.</summary>
    public bool Accept(string topic, ReadOnlySpan<byte> payload, long receivedUtcMs)
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            if (!_feed.Accept(topic, payload, receivedUtcMs)) return false;
            Version++;
            fired = _changed;
            _changed = NewSignal();
        }
        fired.TrySetResult();
        return true;
    }

    /// <summary>Completes when a message changed the feed after <paramref name="version"/> (at once if one already did).</summary>
    public Task ChangedSince(long version)
    {
        lock (_gate) return Version != version ? Task.CompletedTask : _changed.Task;
    }

    /// <summary>The page's JSON of every gateway, and the version it shows.</summary>
    public (byte[] Json, long Version) Snapshot()
    {
        lock (_gate) return (SnapshotJson.Write(_feed.Gateways.Values), Version);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
