namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// One alarm level: threshold with its own restore (hysteresis), delays and latching.
    /// Fixed configuration; the changing part lives in <see cref="LevelState"/>.
    /// </summary>
    public sealed class LevelConfig
    {
        public LevelConfig(LevelKind kind, Direction direction, double threshold, double restore,
            int onDelayMs, int offDelayMs, bool latching, LevelSource source = LevelSource.Instant)
        {
            Kind = kind;
            Direction = direction;
            Threshold = threshold;
            Restore = restore;
            OnDelayMs = onDelayMs;
            OffDelayMs = offDelayMs;
            Latching = latching;
            Source = source;
        }

        public LevelKind Kind { get; }
        public Direction Direction { get; }
        public LevelSource Source { get; }

        /// <summary>High: active when value ≥ Threshold. Low: active when value &lt; Threshold.</summary>
        public double Threshold { get; }

        /// <summary>High: clears when value &lt; Restore (≤ Threshold). Low: clears when value ≥ Restore (≥ Threshold).</summary>
        public double Restore { get; }

        /// <summary>The condition must hold this long before the level becomes active.</summary>
        public int OnDelayMs { get; }

        /// <summary>The restore condition must hold this long before the level clears.</summary>
        public int OffDelayMs { get; }

        /// <summary>A latched level stays active after it clears until a local reset (GB 16808).</summary>
        public bool Latching { get; }

        public bool IsOnCondition(double value)
        {
            return Direction == Direction.High ? value >= Threshold : value < Threshold;
        }

        public bool IsRestored(double value)
        {
            return Direction == Direction.High ? value < Restore : value >= Restore;
        }

        public LevelConfig With(double threshold, double restore, int onDelayMs, int offDelayMs, bool latching)
        {
            return new LevelConfig(Kind, Direction, threshold, restore, onDelayMs, offDelayMs, latching, Source);
        }
    }
}
