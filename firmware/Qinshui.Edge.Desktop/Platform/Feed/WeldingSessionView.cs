using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>A welding session at one station, from its welding_session_started and
/// welding_session_ended events (沁政发〔2026〕1号 (十二)8: every session recorded; docs/events.md).</summary>
public sealed class WeldingSessionView
{
    public required string Station { get; init; }
    public long Session { get; init; }
    public string Zone { get; init; } = "";
    public string Machine { get; init; } = "";
    public string Welder { get; init; } = "";
    public string WelderName { get; init; } = "";
    public string Permit { get; init; } = "";
    public long StartUtcMs { get; init; }
    /// <summary>True until its welding_session_ended arrived.</summary>
    public bool Active { get; private set; } = true;
    public long StopUtcMs { get; private set; }
    public string StopReason { get; private set; } = "";
    public string StopEn { get; private set; } = "";
    public string StopZh { get; private set; } = "";
    public double? MaxCurrentAmps { get; private set; }

    internal static WeldingSessionView Started(JsonElement e) => new()
    {
        Station = GatewayView.Str(e, "subject") ?? "",
        Session = e.TryGetProperty("session", out var s) && s.TryGetInt64(out long n) ? n : 0,
        Zone = GatewayView.Str(e, "zone") ?? "",
        Machine = GatewayView.Str(e, "machine") ?? "",
        Welder = GatewayView.Str(e, "welder") ?? "",
        WelderName = GatewayView.Str(e, "welderName") ?? "",
        Permit = GatewayView.Str(e, "permit") ?? "",
        StartUtcMs = e.TryGetProperty("startUtcMs", out var t) && t.TryGetInt64(out long ms) ? ms : 0,
    };

    internal void Ended(JsonElement e)
    {
        Active = false;
        StopUtcMs = e.TryGetProperty("stopUtcMs", out var t) && t.TryGetInt64(out long ms) ? ms : 0;
        StopReason = GatewayView.Str(e, "reason") ?? "";
        StopEn = GatewayView.Str(e, "en") ?? "";
        StopZh = GatewayView.Str(e, "zh") ?? "";
        MaxCurrentAmps = GatewayView.Number(e, "maxCurrentA");
    }
}
