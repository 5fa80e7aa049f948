namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

public enum SimEventSource
{
    Timeline = 0,
    Plant = 1,
    Gateway = 2,
}

/// <summary>
/// One event of a run, for the dashboard's log, the report's time axis and event expectations.
/// Codes are stable machine names (e.g. level_active, quality_changed, output_off, power_cut).
/// </summary>
public sealed record SimEvent(long AtMs, SimEventSource Source, string Code, string Subject, string Text, bool Important = false);

/// <summary>Where a gateway reports its events.</summary>
public interface ISimEventSink
{
    void Emit(SimEvent e);
}
