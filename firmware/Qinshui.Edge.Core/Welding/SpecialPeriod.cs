namespace Qinshui.Edge.Core.Welding
{
    /// <summary>A period of heightened control (holidays, major events) in which hot work raises a warning.</summary>
    public sealed class SpecialPeriod
    {
        public SpecialPeriod(string name, long fromUtcMs, long toUtcMs)
        {
            Name = name;
            FromUtcMs = fromUtcMs;
            ToUtcMs = toUtcMs;
        }

        public string Name { get; }
        public long FromUtcMs { get; }
        public long ToUtcMs { get; }

        public bool Contains(long utcMs) { return utcMs >= FromUtcMs && utcMs < ToUtcMs; }
    }
}
