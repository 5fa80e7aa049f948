using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>One zone of a gateway: its outputs and channels (meta page) and whether it is permitted
/// (zone events). Unknown until its first event: a platform never assumes power is on.</summary>
public sealed class ZoneView
{
    public required string Id { get; init; }
    public IReadOnlyList<string> Outputs { get; private init; } = [];
    public IReadOnlyList<string> ChannelIds { get; private init; } = [];
    /// <summary>Permitted (outputs may be energised); false until an event said otherwise.</summary>
    public bool Permitted { get; internal set; }
    /// <summary>True once an event told the zone's state.</summary>
    public bool Known { get; internal set; }
    public string? Reason { get; internal set; }

    internal static ZoneView FromMeta(JsonElement z, ZoneView? previous) => new()
    {
        Id = GatewayView.Str(z, "id") ?? "",
        Outputs = Strings(z, "outputs"),
        ChannelIds = Strings(z, "channels"),
        Permitted = previous?.Permitted ?? false,
        Reason = previous?.Reason,
        Known = previous?.Known ?? false,
    };

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
}
