namespace Qinshui.Edge.Core.Domain
{
    /// <summary>
    /// One measurement with its quality. A value is only meaningful while Quality is not bad.
    /// </summary>
    public struct Reading
    {
        public double Value;
        public Unit Unit;
        public Quality Quality;
        /// <summary>Monotonic time of the measurement (for age and freshness).</summary>
        public long MonotonicMs;
        /// <summary>Wall-clock time of the measurement, UTC ms since the epoch (for reports).</summary>
        public long UtcMs;

        public Reading(double value, Unit unit, Quality quality, long monotonicMs, long utcMs)
        {
            Value = value;
            Unit = unit;
            Quality = quality;
            MonotonicMs = monotonicMs;
            UtcMs = utcMs;
        }
    }
}
