namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Rolling time-weighted averages over a fixed window in fixed memory, for every exposure
    /// channel of an engine at once: each channel's window is split into buckets, each holding
    /// the integral of value×time that fell into it. STEL is the 15-minute and TWA the 8-hour
    /// average of GBZ 2.1. The average divides by the whole window (the definition of an
    /// exposure average), so before the first sample the unknown time counts as zero exposure
    /// and <see cref="IsCovered"/> is false. The oldest bucket, which the window's start
    /// cuts, counts in proportion to the part of it inside the window (exposure assumed even
    /// within a bucket: STEL 1 min, TWA 5 min).
    /// Gaps (issue 13 #7): once a channel has had a good sample, no span after it ever counts as
    /// zero. The caller adds only good, uninhibited samples (bad data, stale data and calibration
    /// gas under inhibit are not exposure), and the time between two samples is filled by a hold:
    /// the last good value while the gap lasts (the average at any instant includes the open span
    /// up to now, so a sensor that stops reporting keeps its exposure rising), and, once the next
    /// good sample shows how the gap ended, the higher of the two values on either side for any
    /// span longer than the channel's maximum reading age. We chose the hold over "average over
    /// the valid samples" because it needs no extra state per bucket and, unlike that rule, it
    /// never lets a quiet minute before the gap dilute a high reading: the filled span is never
    /// lower than the last known reading nor than the first one after the gap, so a gas that rose
    /// during the gap and stayed up is counted from the gap's start. What happened inside the gap
    /// cannot be known; the gap itself is bad data and has already tripped the channel's levels.
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
        /// Adds a good, uninhibited sample to a slot. The previous sample's value holds until this
        /// one (zero-order hold); a span longer than maxGapMs (the channel's maximum reading age)
        /// is a gap and is filled with the higher of the values on either side of it, never zero.
        /// </summary>
        public void Add(int slot, double value, long nowMs, long maxGapMs)
        {
            long last = _lastMs[slot];
            if (last != None && nowMs > last)
            {
                double held = _lastValue[slot];
                if (nowMs - last > maxGapMs && value > held) held = value;
                Integrate(slot, held, last, nowMs);
            }
            if (last == None) _firstMs[slot] = nowMs;
            _lastMs[slot] = nowMs;
            _lastValue[slot] = value;
        }

        public bool IsCovered(int slot, long nowMs)
        {
            return _lastMs[slot] != None && nowMs - _firstMs[slot] >= _windowMs;
        }

        public double Average(int slot, long nowMs)
        {
            long newest = _newestBucket[slot];
            if (newest == None) return OpenSpanOnly(slot, nowMs);
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
            // The open span since the last good sample holds its value (a gap is never zero).
            long lastMs = _lastMs[slot];
            if (lastMs != None && nowMs > lastMs)
            {
                long from = lastMs > start ? lastMs : start;
                sum += _lastValue[slot] * (nowMs - from);
            }
            return sum / _windowMs;
        }

        /// <summary>
        /// The hold sample of a slot: the last good value, or false when the slot has none (the
        /// exposure checkpoint saves it, <see cref="ExposureRecord"/>).
        /// </summary>
        public bool TryHeldValue(int slot, out double value)
        {
            value = _lastValue[slot];
            return _lastMs[slot] != None;
        }

        /// <summary>
        /// After a reboot (issue 13 #6): puts a known past exposure (average × window, plus the
        /// time the gateway was off held at the last known value) into the bucket of nowMs, the
        /// most recent place it can be: it then stays in the window a whole window long, never
        /// less than the real history would (whatever its shape, the exposure before the cut leaves
        /// the window no later than the cut plus one window). From nowMs the held value holds
        /// until the first good sample, which fills that span by the gap rule of <see cref="Add"/>.
        /// </summary>
        public void RestoreRecent(int slot, double exposureValueMs, bool hasHeld, double heldValue, long nowMs)
        {
            ClearAt(slot, nowMs);
            _integral[slot * _ring + (int)(_newestBucket[slot] % _ring)] = exposureValueMs;
            if (!hasHeld) return;
            _lastMs[slot] = nowMs;
            _lastValue[slot] = heldValue;
            _firstMs[slot] = nowMs - _windowMs;
        }

        /// <summary>
        /// After a reboot with the history lost or damaged (issue 13 #6): the whole window up to
        /// nowMs is taken as exposure at value (the limit), spread evenly so that, as in a real
        /// history, it leaves the window bucket by bucket as new samples come in.
        /// </summary>
        public void FillWhole(int slot, double value, long nowMs)
        {
            ClearAt(slot, nowMs);
            long newest = _newestBucket[slot];
            int at = slot * _ring;
            int newestIndex = (int)(newest % _ring);
            for (int i = 0; i < _ring; i++)
            {
                long b = newest - (newestIndex - i + _ring) % _ring;
                _integral[at + i] = b == newest ? value * (nowMs - b * _bucketMs) : value * _bucketMs;
            }
            // The time until the first sample holds the same value (a gap is never zero).
            _lastMs[slot] = nowMs;
            _lastValue[slot] = value;
            _firstMs[slot] = nowMs - _windowMs;
        }

        private void ClearAt(int slot, long nowMs)
        {
            int at = slot * _ring;
            for (int i = 0; i < _ring; i++) _integral[at + i] = 0;
            _newestBucket[slot] = (nowMs < 0 ? 0 : nowMs) / _bucketMs;
            _lastMs[slot] = None;
        }

        private double OpenSpanOnly(int slot, long nowMs)
        {
            long lastMs = _lastMs[slot];
            if (lastMs == None || nowMs <= lastMs) return 0;
            long span = nowMs - lastMs;
            if (span > _windowMs) span = _windowMs;
            return _lastValue[slot] * span / _windowMs;
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
            // A long gap: what lies a whole ring before its end can never be averaged again, so skip it.
            long keep = toMs - _ring * _bucketMs;
            if (fromMs < keep) fromMs = keep;
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
