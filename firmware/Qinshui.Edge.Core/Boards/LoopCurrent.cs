using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// 4–20 mA loop arithmetic for ADC-over-shunt inputs. Pure functions: the device adapter only
    /// reads raw counts. NAMUR NE43: 3.8–20.5 mA is measurement; ≤ 3.6 mA or ≥ 21.0 mA is a
    /// sensor or loop failure; the bands between are saturation — bad data either way
    /// (safety principle 2: bad data is a fault, never a value).
    /// </summary>
    public static class LoopCurrent
    {
        public const double MeasureLowMilliamps = 3.8;
        public const double MeasureHighMilliamps = 20.5;
        public const double FailureLowMilliamps = 3.6;
        public const double FailureHighMilliamps = 21.0;

        /// <summary>Loop current from raw ADC counts: counts → millivolts at the pin → mA through the shunt.</summary>
        public static double MilliampsFromCounts(int counts, int maxCounts, double fullScaleMillivolts, double shuntOhms)
        {
            double millivolts = counts * fullScaleMillivolts / maxCounts;
            return millivolts / shuntOhms;
        }

        /// <summary>Quality of a loop current by NE43: good, out of range (saturated) or sensor fault (failure signal).</summary>
        public static Quality Classify(double milliamps)
        {
            if (double.IsNaN(milliamps) || milliamps <= FailureLowMilliamps || milliamps >= FailureHighMilliamps) return Quality.SensorFault;
            if (milliamps < MeasureLowMilliamps || milliamps > MeasureHighMilliamps) return Quality.OutOfRange;
            return Quality.Good;
        }

        /// <summary>
        /// Engineering value of a loop current. NAMUR NE43 counts 3.8–4.0 and 20.0–20.5 mA as valid
        /// measurements just outside the span (a noisy zero, a slight over-range): they read as the
        /// range ends, so a good reading never falls outside the channel's range and flaps into an
        /// out-of-range fault. Currents outside the measuring band are for Classify to judge.
        /// </summary>
        public static double ToEngineering(double milliamps, double rangeMin, double rangeMax)
        {
            double v = rangeMin + (milliamps - 4.0) * (rangeMax - rangeMin) / 16.0;
            if (milliamps >= MeasureLowMilliamps && v < rangeMin) return rangeMin;
            if (milliamps <= MeasureHighMilliamps && v > rangeMax) return rangeMax;
            return v;
        }
    }
}
