using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>
/// What a platform knows of its gateways, built only from what they publish (docs/mqtt.md): the
/// birth and its meta pages give the channel list with units and levels and the zones; data gives
/// readings with quality; alarm gives level states; events give zone states; state gives online
/// or offline. The MT/T 1201.1 bridge and tools read this instead of raw JSON. Not thread-safe:
/// the caller serialises <see cref="Accept"/> and reads.
/// </summary>
public sealed class GatewayFeed
{
    private readonly Dictionary<string, GatewayView> _gateways = new(StringComparer.Ordinal);
    // Compact data batches (docs/mqtt.md "Compact data") are read in their JSON form.
    private readonly Mqtt.CompactDataTranscoder _compact = new();

    /// <summary>Gateways seen so far, keyed "site/gateway".</summary>
    public IReadOnlyDictionary<string, GatewayView> Gateways => _gateways;

    /// <summary>Raised when a gateway's metadata became complete or changed (a new birth's pages all arrived).</summary>
    public event Action<GatewayView>? MetadataChanged;

    /// <summary>Raised on a level, quality or zone change that a platform lists as an anomaly.</summary>
    public event Action<GatewayView, FeedAnomaly>? Anomaly;

    /// <summary>Takes one message; returns false (and changes nothing) when its topic or payload is not a gateway message.</summary>
    public bool Accept(string topic, ReadOnlySpan<byte> payload, long receivedUtcMs)
    {
        string[] parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "qinshui" || parts[1] != "v1") return false;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(_compact.Normalize(topic, payload.ToArray()));
        }
        catch (JsonException)
        {
            return false;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return false;
            string key = parts[2] + "/" + parts[3];
            if (!_gateways.TryGetValue(key, out var view))
            {
                view = new GatewayView(parts[2], parts[3]);
                _gateways[key] = view;
            }
            view.LastHeardUtcMs = receivedUtcMs;
            switch (parts[4])
            {
                case "birth": view.OnBirth(root); break;
                case "meta": if (view.OnMeta(root)) MetadataChanged?.Invoke(view); break;
                case "data": view.OnData(root); break;
                case "alarm": foreach (var a in view.OnAlarm(root)) Anomaly?.Invoke(view, a); break;
                case "event": view.LogEvent(root); foreach (var a in view.OnEvent(root)) Anomaly?.Invoke(view, a); break;
                case "state": foreach (var a in view.OnState(root, receivedUtcMs)) Anomaly?.Invoke(view, a); break;
                default: break;
            }
            return true;
        }
    }
}
