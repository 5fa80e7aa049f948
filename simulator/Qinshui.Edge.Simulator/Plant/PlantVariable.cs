using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// A physical quantity of the plant (a gas concentration, a temperature, a pressure drop) that
/// sensors measure. Properties can be set and ramped from the timeline by name.
/// </summary>
public abstract class PlantVariable
{
    protected PlantVariable(string id, Unit unit)
    {
        Id = id;
        Unit = unit;
    }

    public string Id { get; }
    public Unit Unit { get; }

    /// <summary>The true value now, in <see cref="Unit"/>.</summary>
    public abstract double Value { get; }

    /// <summary>Names of the properties a timeline may set or ramp; the first is the default.</summary>
    public abstract IReadOnlyList<string> Properties { get; }

    public abstract double Get(string property);
    public abstract void Set(string property, double value);

    /// <summary>Integrates the dynamics over dtSeconds of virtual time.</summary>
    public abstract void Step(double dtSeconds);
}
