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
    /// <summary>The zone's trip is latched (its last event said so): it stays off until a reset is accepted.</summary>
    public bool Latched { get; internal set; }
    /// <summary>Why the zone is off, from its last event's causes (empty while permitted).</summary>
    public IReadOnlyList<ZoneCause> Causes { get; internal set; } = [];
    /// <summary>Off and latched: a person has to reset it once the causes are gone.</summary>
    public bool ResetNeeded => Known && !Permitted && Latched;

    internal static ZoneView FromMeta(JsonElement z, ZoneView? previous) => new()
    {
        Id = GatewayView.Str(z, "id") ?? "",
        Outputs = Strings(z, "outputs"),
        ChannelIds = Strings(z, "channels"),
        Permitted = previous?.Permitted ?? false,
        Reason = previous?.Reason,
        Known = previous?.Known ?? false,
        Latched = previous?.Latched ?? false,
        Causes = previous?.Causes ?? [],
    };

    internal void OnZoneEvent(JsonElement root, bool permitted)
    {
        Known = true;
        Permitted = permitted;
        Reason = GatewayView.Str(root, "reason");
        Latched = root.TryGetProperty("latched", out var l) && l.ValueKind == JsonValueKind.True;
        var causes = new List<ZoneCause>();
        if (root.TryGetProperty("causes", out var cs) && cs.ValueKind == JsonValueKind.Array)
            foreach (var c in cs.EnumerateArray()) causes.Add(ZoneCause.From(c));
        Causes = permitted ? [] : causes;
    }

    private static string[] Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToArray()
            : [];
}
