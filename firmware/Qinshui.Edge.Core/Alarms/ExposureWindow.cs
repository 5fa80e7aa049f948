namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Rolling time-weighted averages over a fixed window in fixed memory, for every exposure
    /// channel of an engine at once: each channel's window is split into buckets, each holding
    /// the integral of value×time that fell into it. STEL is the 15-minute and TWA the 8-hour
    /// average of GBZ 2.1. The average divides by the whole window (the definition of an
    /// exposure average), so before the window is covered the unknown time counts as zero
    /// exposure and <see cref="IsCovered"/> is false. The oldest bucket, which the window's start
    /// cuts, counts in proportion to the part of it inside the window (exposure assumed even
    /// within a bucket: STEL 1 min, TWA 5 min).
    /// Memory (docs/memory.md): one object for all channels, state in packed arrays indexed by
    /// the channel's exposure slot. A bucket's number is not stored: each slot's ring holds the
    /// buckets up to the newest one integrated, and the slots a jump in time skips are cleared.
    /// </summary>
    public sealed class ExposureWindow
    {
        private const long None = long.MinValue;

        private readonly long _windowMs;
        private readonly long _bucketMs;
        private readonly int _ring;
        // [slot * _ring + bucket % _ring]: exposure (value × ms) of that bucket.
        private readonly double[] _integral;
        // Per slot: the newest bucket integrated into (None: none yet), the hold sample (time,
        // None after an interruption, and value), and when the current run of good data began.
        private readonly long[] _newestBucket;
        private readonly long[] _lastMs;
        private readonly double[] _lastValue;
        private readonly long[] _firstMs;

        public ExposureWindow(long windowMs, int bucketCount, int slots)
        {
            _windowMs = windowMs;
            _bucketMs = windowMs / bucketCount;
            // One extra bucket holds the one the window's start falls into.
            _ring = bucketCount + 1;
            _integral = new double[slots * _ring];
            _newestBucket = new long[slots];
            _lastMs = new long[slots];
            _lastValue = new double[slots];
            _firstMs = new long[slots];
            for (int i = 0; i < slots; i++)
            {
                _newestBucket[i] = None;
                _lastMs[i] = None;
            }
        }

        public const int StelBuckets = 15;
        public const int TwaBuckets = 96;

        public long WindowMs { get { return _windowMs; } }
        public int Slots { get { return _lastMs.Length; } }

        public static ExposureWindow Stel(int slots) { return new ExposureWindow(15L * 60 * 1000, StelBuckets, slots); }

        public static ExposureWindow Twa(int slots) { return new ExposureWindow(8L * 3600 * 1000, TwaBuckets, slots); }

        /// <summary>
        /// Adds a good sample to a slot. The previous sample's value holds until this one
        /// (zero-order hold), capped at maxGapMs (the channel's maximum reading age).
        /// </summary>
        public void Add(int slot, double value, long nowMs, long maxGapMs)
        {
            long last = _lastMs[slot];
            if (last != None && nowMs > last)
            {
                long from = last;
                if (nowMs - from > maxGapMs) from = nowMs - maxGapMs;
                Integrate(slot, _lastValue[slot], from, nowMs);
            }
            if (last == None) _firstMs[slot] = nowMs;
            _lastMs[slot] = nowMs;
            _lastValue[slot] = value;
        }

        /// <summary>Forgets the hold value (bad data): the gap until the next good sample counts as no exposure data.</summary>
        public void Interrupt(int slot)
        {
            _lastMs[slot] = None;
        }

        public bool IsCovered(int slot, long nowMs)
        {
            return _lastMs[slot] != None && nowMs - _firstMs[slot] >= _windowMs;
        }

        public double Average(int slot, long nowMs)
        {
            long newest = _newestBucket[slot];
            if (newest == None) return 0;
            long start = nowMs - _windowMs;
            long current = nowMs / _bucketMs;
            long oldest = FloorDiv(start, _bucketMs);
            int at = slot * _ring;
            int newestIndex = (int)(newest % _ring);
            double sum = 0;
            for (int i = 0; i < _ring; i++)
            {
                // The bucket ring index i holds: the newest bucket at or before `newest` that maps to i.
                long b = newest - (newestIndex - i + _ring) % _ring;
                if (b < oldest || b > current) continue;
                if (b == oldest)
                {
                    long end = (b + 1) * _bucketMs;
                    sum += _integral[at + i] * (end - start) / _bucketMs;
                }
                else
                {
                    sum += _integral[at + i];
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

        private void Integrate(int slot, double value, long fromMs, long toMs)
        {
            int at = slot * _ring;
            // Split across bucket boundaries so each bucket holds exactly its own exposure.
            while (fromMs < toMs)
            {
                long bucket = fromMs / _bucketMs;
                long end = (bucket + 1) * _bucketMs;
                if (end > toMs) end = toMs;
                long newest = _newestBucket[slot];
                if (newest == None || bucket - newest >= _ring)
                {
                    for (int i = 0; i < _ring; i++) _integral[at + i] = 0;
                    _newestBucket[slot] = bucket;
                }
                else if (bucket > newest)
                {
                    for (long b = newest + 1; b <= bucket; b++) _integral[at + (int)(b % _ring)] = 0;
                    _newestBucket[slot] = bucket;
                }
                // A bucket a whole ring older than the newest lies before any window still to be averaged.
                if (bucket > _newestBucket[slot] - _ring) _integral[at + (int)(bucket % _ring)] += value * (end - fromMs);
                fromMs = end;
            }
        }
    }
}
