namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// 4–20 mA signal levels per NAMUR NE43: measurement 3.8–20.5 mA (saturating beyond the span),
/// ≤ 3.6 mA failure low, ≥ 21.0 mA failure high (STANDARDS.md, "Signals and protocols").
/// </summary>
public static class NamurLoop
{
    public const double ZeroMilliamps = 4.0;
    public const double SpanMilliamps = 16.0;
    public const double SaturationLowMilliamps = 3.8;
    public const double SaturationHighMilliamps = 20.5;
    public const double FailureLowLimitMilliamps = 3.6;
    public const double FailureHighLimitMilliamps = 21.0;

    /// <summary>What a failed transmitter or a broken loop shows (simulated): inside the failure bands.</summary>
    public const double OpenLoopMilliamps = 0.0;
    public const double FailureLowMilliamps = 3.5;
    public const double FailureHighMilliamps = 21.5;

    /// <summary>Transmitter side: the current for a measured value, saturating at 3.8 / 20.5 mA.</summary>
    public static double ToMilliamps(double value, double rangeMin, double rangeMax)
    {
        double mA = ZeroMilliamps + SpanMilliamps * (value - rangeMin) / (rangeMax - rangeMin);
        return Math.Clamp(mA, SaturationLowMilliamps, SaturationHighMilliamps);
    }

    /// <summary>Receiver side: the value a current stands for (meaningful only outside the failure bands).</summary>
    public static double ToValue(double milliamps, double rangeMin, double rangeMax)
    {
        return rangeMin + (milliamps - ZeroMilliamps) / SpanMilliamps * (rangeMax - rangeMin);
    }

    public static bool IsFailureLow(double milliamps) => milliamps <= FailureLowLimitMilliamps;
    public static bool IsFailureHigh(double milliamps) => milliamps >= FailureHighLimitMilliamps;
}
