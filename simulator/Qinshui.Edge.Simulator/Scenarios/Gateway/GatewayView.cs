using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// What the gateway shows after a step: the dashboard draws it, expectations test it, the
/// report plots it. Filled by the gateway adapter from the core's own state (never recomputed).
/// </summary>
public sealed class GatewayView
{
    public bool PoweredOn { get; set; }
    public List<ChannelView> Channels { get; } = new();
    public List<OutputView> Outputs { get; } = new();
    public List<ZoneView> Zones { get; } = new();
    public List<WeldingView> Welding { get; } = new();
    public LinkView Link { get; } = new();

    public ChannelView? Channel(string id) => Channels.Find(c => c.Id == id);
    public OutputView? Output(string id) => Outputs.Find(o => o.Id == id);
    public ZoneView? Zone(string id) => Zones.Find(z => z.Id == id);
    public WeldingView? Machine(string id) => Welding.Find(w => w.MachineId == id);
}

public sealed class ChannelView
{
    public required string Id { get; init; }
    public string Profile { get; init; } = "";
    /// <summary>The plant sensor behind the channel, when the gateway knows it (the report overlays the true value).</summary>
    public string SensorId { get; init; } = "";
    public Unit Unit { get; init; }
    public bool HasReading { get; set; }
    public double Value { get; set; }
    public Quality Quality { get; set; } = Quality.NoData;
    public List<LevelView> Levels { get; } = new();
}

public sealed class LevelView
{
    /// <summary>warning, alarm, trip, trip2 (LevelNames.Kind), with a source suffix for stel/twa.</summary>
    public required string Name { get; init; }
    public double Threshold { get; init; }
    public double Restore { get; init; }
    public bool High { get; init; } = true;
    /// <summary>LevelStatusNames.Name: normal, pending, active, cleared_awaiting_reset, fault, inhibited.</summary>
    public string Status { get; set; } = "fault";
    public bool Tripping { get; set; }
    public bool Latched { get; set; }
}

public sealed class OutputView
{
    public required string Id { get; init; }
    public required string RelayId { get; init; }
    public bool Energised { get; set; }
    /// <summary>Why the output is off (a reason code), empty when on.</summary>
    public string Reason { get; set; } = "";
}

public sealed class ZoneView
{
    public required string Id { get; init; }
    public string State { get; set; } = "";
    public string Reason { get; set; } = "";
    /// <summary>No interlock proof test passed within the zone's interval (AQ 1029-2019: 15 days), none since boot, or the clock is untrusted.</summary>
    public bool ProofTestOverdue { get; set; }
}

public sealed class WeldingView
{
    public required string MachineId { get; init; }
    public string State { get; set; } = "";
    public string Card { get; set; } = "";
    public string Permit { get; set; } = "";
    public double ArcCurrentAmps { get; set; }
}

public sealed class LinkView
{
    public bool Connected { get; set; }
    public long JournalDepth { get; set; }
    public long Published { get; set; }
    public long Acknowledged { get; set; }

    /// <summary>Messages the platform received so far, by kind (birth, data, alarm, event, health, reply, …).</summary>
    public Dictionary<string, long> ReceivedByKind { get; } = new(StringComparer.Ordinal);
    private int _counted;

    /// <summary>Counts the messages added to the platform's inbox since the last call.</summary>
    public void CountReceived(IReadOnlyList<PlatformMessage> messages)
    {
        for (; _counted < messages.Count; _counted++)
        {
            string kind = messages[_counted].Kind;
            ReceivedByKind[kind] = ReceivedByKind.GetValueOrDefault(kind) + 1;
        }
    }
}
