namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Rolling time-weighted average over a fixed window in fixed memory: the window is split
    /// into buckets, each holding the integral of value×time that fell into it. STEL is the
    /// 15-minute and TWA the 8-hour average of GBZ 2.1. The average divides by the whole
    /// window (the definition of an exposure average), so before the window is covered the
    /// unknown time counts as zero exposure and <see cref="IsCovered"/> is false.
    /// The oldest bucket, which the window's start cuts, counts in proportion to the part of
    /// it inside the window (exposure assumed even within a bucket: STEL 1 min, TWA 5 min).
    /// </summary>
    public sealed class ExposureWindow
    {
        private readonly double[] _integral;
        private readonly long[] _bucketIndex;
        private readonly long _bucketMs;
        private readonly long _windowMs;
        private readonly long _maxGapMs;
        private bool _hasLast;
        private long _lastMs;
        private double _lastValue;
        private long _firstMs;

        public ExposureWindow(long windowMs, int bucketCount, long maxGapMs)
        {
            _windowMs = windowMs;
            _bucketMs = windowMs / bucketCount;
            // One extra slot holds the bucket the window's start falls into.
            _integral = new double[bucketCount + 1];
            _bucketIndex = new long[bucketCount + 1];
            for (int i = 0; i <= bucketCount; i++) _bucketIndex[i] = -1;
            _maxGapMs = maxGapMs;
        }

        public long WindowMs { get { return _windowMs; } }

        public static ExposureWindow Stel(long maxGapMs) { return new ExposureWindow(15L * 60 * 1000, 15, maxGapMs); }

        public static ExposureWindow Twa(long maxGapMs) { return new ExposureWindow(8L * 3600 * 1000, 96, maxGapMs); }

        /// <summary>Adds a good sample. The previous sample's value holds until this one (zero-order hold), capped at the max gap.</summary>
        public void Add(double value, long nowMs)
        {
            if (_hasLast && nowMs > _lastMs)
            {
                long from = _lastMs;
                long to = nowMs;
                if (to - from > _maxGapMs) from = to - _maxGapMs;
                Integrate(_lastValue, from, to);
            }
            if (!_hasLast) _firstMs = nowMs;
            _hasLast = true;
            _lastMs = nowMs;
            _lastValue = value;
        }

        /// <summary>Forgets the hold value (bad data): the gap until the next good sample counts as no exposure data.</summary>
        public void Interrupt()
        {
            _hasLast = false;
        }

        public bool IsCovered(long nowMs)
        {
            return _hasLast && nowMs - _firstMs >= _windowMs;
        }

        public double Average(long nowMs)
        {
            long start = nowMs - _windowMs;
            long current = nowMs / _bucketMs;
            long oldest = FloorDiv(start, _bucketMs);
            double sum = 0;
            for (int i = 0; i < _integral.Length; i++)
            {
                long b = _bucketIndex[i];
                if (b < oldest || b > current) continue;
                if (b == oldest)
                {
                    long end = (b + 1) * _bucketMs;
                    sum += _integral[i] * (end - start) / _bucketMs;
                }
                else
                {
                    sum += _integral[i];
                }
            }
            return sum / _windowMs;
        }

        private static long FloorDiv(long a, long b)
        {
            long q = a / b;
            if (a % b != 0 && a < 0) q--;
            return q;
        }

        private void Integrate(double value, long fromMs, long toMs)
        {
            // Split across bucket boundaries so each bucket holds exactly its own exposure.
            while (fromMs < toMs)
            {
                long bucket = fromMs / _bucketMs;
                long end = (bucket + 1) * _bucketMs;
                if (end > toMs) end = toMs;
                int slot = (int)(bucket % _integral.Length);
                if (_bucketIndex[slot] != bucket)
                {
                    _bucketIndex[slot] = bucket;
                    _integral[slot] = 0;
                }
                _integral[slot] += value * (end - fromMs);
                fromMs = end;
            }
        }
    }
}
