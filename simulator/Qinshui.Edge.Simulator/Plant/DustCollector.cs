using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Plant;

public enum DustCollectorKind
{
    Dry = 0,
    Wet = 1,
}

/// <summary>
/// A dust collector's monitored points (GB 15577-2018; national data-collection guide): dry —
/// inlet/outlet ΔP (Pa) and hopper temperature (°C) as plant variables, the airlock / ash
/// discharge fault as a contact; wet — tank level (mm) and circulating water flow (m³/h).
/// Each point is an ordinary variable (<c>{id}.dp</c>, <c>{id}.hopperTemp</c>, <c>{id}.level</c>,
/// <c>{id}.flow</c>) and contact (<c>{id}.airlockFault</c>), so sensors, the timeline and
/// expectations address them like any other.
/// </summary>
public sealed class DustCollector
{
    public DustCollector(string id, DustCollectorKind kind, double dpPa, double hopperTempC, double levelMm, double flowM3PerHour)
    {
        Id = id;
        Kind = kind;
        var vars = new List<PlantVariable>();
        if (kind == DustCollectorKind.Dry)
        {
            vars.Add(new SetPointVariable(id + ".dp", Unit.Pascal, dpPa));
            vars.Add(new SetPointVariable(id + ".hopperTemp", Unit.DegreesCelsius, hopperTempC));
            AirlockFault = new SimContact(id + ".airlockFault", ContactKind.Contact, false);
        }
        else
        {
            vars.Add(new SetPointVariable(id + ".level", Unit.Millimetres, levelMm));
            vars.Add(new SetPointVariable(id + ".flow", Unit.CubicMetresPerHour, flowM3PerHour));
        }
        Variables = vars;
    }

    public string Id { get; }
    public DustCollectorKind Kind { get; }
    public IReadOnlyList<PlantVariable> Variables { get; }
    public SimContact? AirlockFault { get; }
}
