using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// A quantity driven directly by the timeline (O2, temperature, dust concentration, ΔP, tank
/// level, water flow): its value is what was set or ramped, with no dynamics of its own; the
/// measuring sensor adds the response time and noise.
/// </summary>
public sealed class SetPointVariable : PlantVariable
{
    public const string ValueProperty = "value";
    private static readonly string[] s_properties = { ValueProperty };
    private double _value;

    public SetPointVariable(string id, Unit unit, double initial) : base(id, unit)
    {
        _value = initial;
    }

    public override double Value => _value;
    public override IReadOnlyList<string> Properties => s_properties;

    public override double Get(string property) => property == ValueProperty ? _value
        : throw new ArgumentException($"variable '{Id}' has no property '{property}'");

    public override void Set(string property, double value)
    {
        if (property != ValueProperty) throw new ArgumentException($"variable '{Id}' has no property '{property}'");
        _value = value;
    }

    public override void Step(double dtSeconds)
    {
    }
}
