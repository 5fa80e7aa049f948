using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// A gas, dust or process sensor: first-order response with the configured T90 (τ = T90 / ln 10),
/// seeded noise, zero drift, warm-up, and the injected failure modes. Analog sensors present a
/// 4–20 mA loop (<see cref="IAnalogInput"/>); Modbus sensors are read through <see cref="ReadDigital"/>
/// by the simulated slave that serves their registers.
/// </summary>
public sealed class SimSensor : IAnalogInput
{
    private readonly PlantVariable _measured;
    private readonly SeededNoise _noise;
    private double _response;
    private double _drift;
    private double _noiseSample;
    private double _stuckValue;
    private long _sincePowerOnMs;

    public SimSensor(SensorSpec spec, PlantVariable measured, SeededNoise noise)
    {
        Spec = spec;
        _measured = measured;
        _noise = noise;
        // A sensor powered in a settled plant starts at the true value (only its warm-up delays it).
        _response = measured.Value;
    }

    public SensorSpec Spec { get; }
    public string Id => Spec.Id;
    public SensorFault Fault { get; private set; }
    public PlantVariable Measured => _measured;

    /// <summary>Time constant of the first-order response, seconds.</summary>
    public double TauSeconds => Spec.T90Ms / 1000.0 / Math.Log(10);

    public bool IsWarmingUp => _sincePowerOnMs < Spec.WarmUpMs;

    /// <summary>What the sensing element indicates now: response + drift + noise, or the frozen value.</summary>
    public double IndicatedValue => Fault == SensorFault.Stuck ? _stuckValue : _response + _drift + _noiseSample;

    /// <summary>The response without noise (for plots and tests).</summary>
    public double ResponseValue => _response;

    public void InjectFault(SensorFault fault)
    {
        if (fault == SensorFault.Stuck) _stuckValue = IndicatedValue;
        Fault = fault;
    }

    public void ClearFault()
    {
        Fault = SensorFault.None;
        ForcedMilliamps = double.NaN;
    }

    /// <summary>
    /// A loop current imposed on a 4–20 mA input whatever the head measures (a loop calibrator on
    /// the terminals; the scenario action loop_ma), to probe the NAMUR NE43 bands: &lt; 3.6 mA
    /// failure low, 3.6–3.8 under-range, 20.5–21 over-range, &gt; 21 mA failure high. NaN: none.
    /// </summary>
    public double ForcedMilliamps { get; private set; } = double.NaN;

    public void ForceMilliamps(double milliamps) => ForcedMilliamps = milliamps;

    /// <summary>The sensor has no supply (loop-powered from a gateway that lost power): no current, no warm-up.</summary>
    public bool Unpowered { get; private set; }

    public void PowerOff() => Unpowered = true;

    /// <summary>Supply back: the head warms up again from now.</summary>
    public void PowerOn()
    {
        Unpowered = false;
        _sincePowerOnMs = 0;
    }

    public void Step(double dtSeconds)
    {
        if (!Unpowered) _sincePowerOnMs += (long)Math.Round(dtSeconds * 1000);
        double tau = TauSeconds;
        double alpha = tau > 0 ? 1 - Math.Exp(-dtSeconds / tau) : 1;
        _response += (_measured.Value - _response) * alpha;
        _drift += Spec.DriftPerHour * dtSeconds / 3600.0;
        _noiseSample = Spec.NoiseSd > 0 ? _noise.NextGaussian() * Spec.NoiseSd : 0;
    }

    /// <summary>The loop current (NAMUR NE43). False only when the converter itself cannot be read (comm loss).</summary>
    public bool TryReadMilliamps(out double milliamps)
    {
        if (Unpowered)
        {
            milliamps = 0;
            return true;
        }
        if (Fault != SensorFault.CommLoss && !double.IsNaN(ForcedMilliamps))
        {
            milliamps = ForcedMilliamps;
            return true;
        }
        switch (Fault)
        {
            case SensorFault.CommLoss:
                milliamps = 0;
                return false;
            case SensorFault.OpenLoop:
                milliamps = NamurLoop.OpenLoopMilliamps;
                return true;
            case SensorFault.OverRange:
                milliamps = NamurLoop.FailureHighMilliamps;
                return true;
        }
        // Warming up: transmitters hold a failure-low current until they measure (never a plausible value).
        milliamps = IsWarmingUp ? NamurLoop.FailureLowMilliamps
            : NamurLoop.ToMilliamps(IndicatedValue, Spec.RangeMin, Spec.RangeMax);
        return true;
    }

    /// <summary>
    /// What a digital (Modbus) sensor reports: the value and its own status. Communication faults
    /// (comm loss, CRC noise, exceptions) are the bus's business: the Modbus slave consults
    /// <see cref="Fault"/> to decide whether and how to answer.
    /// </summary>
    public Reading ReadDigital(long nowMs, long utcMs)
    {
        Quality q = Quality.Good;
        double v = IndicatedValue;
        if (IsWarmingUp) q |= Quality.WarmingUp;
        switch (Fault)
        {
            case SensorFault.OpenLoop: q |= Quality.SensorFault; break;
            case SensorFault.OverRange: q |= Quality.OutOfRange; v = Spec.RangeMax * 1.1; break;
            case SensorFault.CommLoss:
            case SensorFault.CrcNoise:
            case SensorFault.ModbusException: q |= Quality.CommunicationFault; break;
        }
        return new Reading(v, Spec.Unit, q, nowMs, utcMs);
    }
}
