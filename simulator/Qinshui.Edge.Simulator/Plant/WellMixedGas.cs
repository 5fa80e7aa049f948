using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// A ventilated space as one well-mixed volume: V dC/dt = L − Q·C (C as a volume fraction),
/// L the leak of pure gas (m³/min), Q the ventilation flow (m³/min), V the volume (m³). The
/// steady state is C = L / Q (plus background), reached with time constant V / Q. Integrated
/// exactly per step (exponential), so large steps stay stable.
/// </summary>
public sealed class WellMixedGas : PlantVariable
{
    public const string Leak = "leakM3PerMin";
    public const string Ventilation = "ventilationM3PerMin";
    public const string Volume = "volumeM3";
    public const string Background = "background";
    public const string Concentration = "concentration";

    private static readonly string[] s_properties = { Leak, Ventilation, Volume, Background, Concentration };

    /// <summary>Volume fraction of pure gas above background (0..1).</summary>
    private double _fraction;

    public WellMixedGas(string id, Unit unit, double volumeM3, double ventilationM3PerMin, double leakM3PerMin,
        double backgroundValue, double lelPercentVolume)
        : base(id, unit)
    {
        VolumeM3 = volumeM3;
        VentilationM3PerMin = ventilationM3PerMin;
        LeakM3PerMin = leakM3PerMin;
        BackgroundValue = backgroundValue;
        LelPercentVolume = lelPercentVolume;
        // Start at the steady state: a scenario begins in a settled plant.
        _fraction = ventilationM3PerMin > 0 ? Math.Min(1, leakM3PerMin / ventilationM3PerMin) : 0;
    }

    public double VolumeM3 { get; private set; }
    public double VentilationM3PerMin { get; private set; }
    public double LeakM3PerMin { get; private set; }
    public double BackgroundValue { get; private set; }

    /// <summary>Lower explosive limit in %vol, used when the unit is %LEL (CH4: 5 %vol).</summary>
    public double LelPercentVolume { get; }

    public override double Value => BackgroundValue + FractionToUnit(_fraction);

    /// <summary>The steady state the space tends to: background + L / Q.</summary>
    public double SteadyStateValue => BackgroundValue + FractionToUnit(VentilationM3PerMin > 0 ? Math.Min(1, LeakM3PerMin / VentilationM3PerMin) : 1);

    public override IReadOnlyList<string> Properties => s_properties;

    public override double Get(string property) => property switch
    {
        Leak => LeakM3PerMin,
        Ventilation => VentilationM3PerMin,
        Volume => VolumeM3,
        Background => BackgroundValue,
        Concentration => Value,
        _ => throw new ArgumentException($"gas '{Id}' has no property '{property}'"),
    };

    public override void Set(string property, double value)
    {
        switch (property)
        {
            case Leak: LeakM3PerMin = Math.Max(0, value); break;
            case Ventilation: VentilationM3PerMin = Math.Max(0, value); break;
            case Volume: VolumeM3 = Math.Max(1e-6, value); break;
            case Background: BackgroundValue = value; break;
            case Concentration: _fraction = Math.Clamp(UnitToFraction(value - BackgroundValue), 0, 1); break;
            default: throw new ArgumentException($"gas '{Id}' has no property '{property}'");
        }
    }

    public override void Step(double dtSeconds)
    {
        double dtMin = dtSeconds / 60.0;
        if (VentilationM3PerMin <= 0)
        {
            // No ventilation: the leak accumulates linearly.
            _fraction = Math.Min(1, _fraction + LeakM3PerMin * dtMin / VolumeM3);
            return;
        }
        double steady = Math.Min(1, LeakM3PerMin / VentilationM3PerMin);
        double decay = Math.Exp(-VentilationM3PerMin * dtMin / VolumeM3);
        _fraction = steady + (_fraction - steady) * decay;
    }

    private double FractionToUnit(double fraction) => Unit switch
    {
        Unit.Ppm => fraction * 1e6,
        Unit.PercentLel => fraction * 100 / LelPercentVolume * 100,
        _ => fraction * 100,
    };

    private double UnitToFraction(double v) => Unit switch
    {
        Unit.Ppm => v / 1e6,
        Unit.PercentLel => v / 100 * LelPercentVolume / 100,
        _ => v / 100,
    };
}
