namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>What a plant id names (one namespace for all of them).</summary>
public enum IdKind
{
    Variable,
    Sensor,
    Contact,
    Relay,
    CardReader,
    Bus,
    Collector,
}
