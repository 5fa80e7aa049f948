namespace Qinshui.Edge.Simulator.Fleet;

/// <summary>
/// Millisecond lags in 1 ms buckets up to <see cref="MaxMs"/> (the rest in one overflow bucket):
/// percentiles over millions of readings without keeping them (a 60 s run of 2,000 × 16 is 1.9 M).
/// </summary>
public sealed class LagHistogram
{
    public const int MaxMs = 120_000;
    private readonly long[] _buckets = new long[MaxMs + 1];

    public long Count { get; private set; }
    public long MaxObservedMs { get; private set; }

    public void Add(long lagMs)
    {
        if (lagMs < 0) lagMs = 0; // clocks of one machine: a negative lag is rounding
        _buckets[lagMs > MaxMs ? MaxMs : lagMs]++;
        Count++;
        if (lagMs > MaxObservedMs) MaxObservedMs = lagMs;
    }

    /// <summary>The smallest lag that at least <paramref name="percent"/> % of the values do not exceed (0 when empty).</summary>
    public long Percentile(double percent)
    {
        if (Count == 0) return 0;
        long rank = (long)Math.Ceiling(Count * percent / 100.0);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (int ms = 0; ms <= MaxMs; ms++)
        {
            seen += _buckets[ms];
            if (seen >= rank) return ms == MaxMs ? MaxObservedMs : ms;
        }
        return MaxObservedMs;
    }
}
