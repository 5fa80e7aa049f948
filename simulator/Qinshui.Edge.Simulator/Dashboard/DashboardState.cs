using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>What the dashboard shows at one moment, gathered from a run (or built by a test for a plant of any size).</summary>
public sealed class DashboardState
{
    public required string Title { get; init; }
    public double NowS { get; init; }
    public double DurationS { get; init; }
    public bool GatewayPowered { get; init; } = true;
    public required GatewayView View { get; init; }
    /// <summary>Load behind each relay (by relay id): powered, and whether its contact is welded shut.</summary>
    public Dictionary<string, (bool Powered, bool Welded)> Loads { get; } = new(StringComparer.Ordinal);
    public bool HasMqtt { get; init; } = true;
    public bool HasJournal { get; init; } = true;
    public bool BrokerAvailable { get; init; } = true;
    /// <summary>The latest important events, oldest first.</summary>
    public IReadOnlyList<SimEvent> Events { get; init; } = [];
}
