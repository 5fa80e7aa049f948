using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Evaluates every channel's levels: thresholds with hysteresis, on/off delays, latching,
    /// acknowledge, reset with refusal reasons, inhibit with mandatory expiry, STEL/TWA, and
    /// fault on bad or stale data. All state is allocated in the constructor; Update and Tick
    /// allocate nothing.
    /// Memory (docs/memory.md: on nanoFramework every class field costs 12 bytes and a struct
    /// held in a field is boxed): the channel configurations are flattened here at construction
    /// and not kept, and all state lives in parallel primitive arrays indexed by channel, or by
    /// level (a channel's levels are consecutive, from <c>_firstLevel[channel]</c>), with flags
    /// packed into ints and bytes. No per-channel or per-level objects.
    /// </summary>
    public sealed class AlarmEngine
    {
        internal const long None = long.MinValue;

        // _channelInfo: unit bits 0-7, profile (ProfileCatalog.All index + 1, 0 = none) 8-15,
        // gas (GasTable.All index + 1, 0 = none) 16-23.
        private const int ProfileShift = 8;
        private const int GasShift = 16;

        // _channelFlags: last reading's quality bits 0-10, effective quality 11-21, last reading's
        // unit 22-29 (255 = a unit outside 0..254), has-reading bit 30.
        private const int QualityBits = 0x7FF;
        private const int EffectiveShift = 11;
        private const int ReadingUnitShift = 22;
        private const int HasReadingBit = 1 << 30;

        // _levelConfig: kind bits 0-1, direction bit 2, source bits 3-4, latching bit 5.
        private const int DirectionBit = 1 << 2;
        private const int SourceShift = 3;
        private const int LatchingBit = 1 << 5;

        // _levelState: status bits 0-2, acknowledged bit 3, latched bit 4.
        private const int StatusBits = 7;
        private const int AcknowledgedBit = 1 << 3;
        private const int LatchedBit = 1 << 4;

        // Per channel, fixed.
        private readonly string[] _ids;
        private readonly int[] _channelInfo;
        private readonly int[] _firstLevel;
        private readonly int[] _maxAgeMs;
        private readonly int[] _maxInhibitMs;
        private readonly double[] _rangeMin;
        private readonly double[] _rangeMax;
        private readonly long[] _calibrationDueUtcMs;

        // Per channel, changing: the last reading (value, times, packed quality and unit), the inhibit.
        private readonly double[] _value;
        private readonly long[] _readingMs;
        private readonly long[] _readingUtcMs;
        private readonly int[] _channelFlags;
        private readonly long[] _inhibitUntilMs;
        // When the current continuous inhibit began (issue 13 #9: the maximum bounds the whole run, renewals included).
        private readonly long[] _inhibitSinceMs;

        // Per level, fixed.
        private readonly double[] _threshold;
        private readonly double[] _restore;
        private readonly int[] _onDelayMs;
        private readonly int[] _offDelayMs;
        private readonly byte[] _levelConfig;

        // Per level, changing. One timer serves both delays: the on-delay runs only while Normal or
        // Pending and the off-delay only while Active, and each is cleared on leaving its state.
        private readonly byte[] _levelState;
        private readonly long[] _timerSinceMs;

        // Exposure (GBZ 2.1): only channels with a STEL or TWA level have a slot; null when none does.
        private readonly int[] _exposureSlot;
        private readonly ExposureWindow _stel;
        private readonly ExposureWindow _twa;
        // [2 × slot] STEL, [2 × slot + 1] TWA average at the last evaluation.
        private readonly double[] _exposureAverage;

        private readonly TransitionQueue _transitions;

        // Frozen-sensor diagnostic (issue 13 #2).
        private readonly StuckDetector _stuck;

        /// <summary>
        /// Builds the engine from the channels' configurations, copying what it needs: the
        /// configurations are not kept (the caller may drop them).
        /// </summary>
        public AlarmEngine(ChannelConfig[] channels, int transitionCapacity)
        {
            int n = channels.Length;
            int levels = 0;
            int exposure = 0;
            for (int c = 0; c < n; c++)
            {
                levels += channels[c].Levels.Length;
                if (channels[c].HasExposureLevels) exposure++;
            }

            _ids = new string[n];
            _channelInfo = new int[n];
            _firstLevel = new int[n + 1];
            _maxAgeMs = new int[n];
            _maxInhibitMs = new int[n];
            _rangeMin = new double[n];
            _rangeMax = new double[n];
            _calibrationDueUtcMs = new long[n];
            _value = new double[n];
            _readingMs = new long[n];
            _readingUtcMs = new long[n];
            _channelFlags = new int[n];
            _inhibitUntilMs = new long[n];
            _inhibitSinceMs = new long[n];

            _threshold = new double[levels];
            _restore = new double[levels];
            _onDelayMs = new int[levels];
            _offDelayMs = new int[levels];
            _levelConfig = new byte[levels];
            _levelState = new byte[levels];
            _timerSinceMs = new long[levels];

            if (exposure > 0)
            {
                _exposureSlot = new int[n];
                _stel = ExposureWindow.Stel(exposure);
                _twa = ExposureWindow.Twa(exposure);
                _exposureAverage = new double[2 * exposure];
            }

            int l = 0;
            int slot = 0;
            for (int c = 0; c < n; c++)
            {
                ChannelConfig cfg = channels[c];
                _ids[c] = cfg.Id;
                _channelInfo[c] = ((int)cfg.Unit & 0xFF) | ((ProfileIndex(cfg.ProfileId) + 1) << ProfileShift)
                    | ((GasIndex(cfg.Gas) + 1) << GasShift);
                _maxAgeMs[c] = cfg.MaxAgeMs;
                _maxInhibitMs[c] = cfg.MaxInhibitMs;
                _rangeMin[c] = cfg.RangeMin;
                _rangeMax[c] = cfg.RangeMax;
                _calibrationDueUtcMs[c] = cfg.CalibrationDueUtcMs;
                // No data yet at boot: NoData until the first reading.
                _channelFlags[c] = (int)Quality.NoData << EffectiveShift;
                _inhibitUntilMs[c] = None;
                if (_exposureSlot != null) _exposureSlot[c] = cfg.HasExposureLevels ? slot++ : -1;

                _firstLevel[c] = l;
                LevelConfig[] lcs = cfg.Levels;
                // Issue 13 #5: clearing waits for the profile family's hold (never activation).
                int hold = ClearHold.ForProfile(Profile(c));
                for (int i = 0; i < lcs.Length; i++, l++)
                {
                    LevelConfig lc = lcs[i];
                    _threshold[l] = lc.Threshold;
                    _restore[l] = lc.Restore;
                    _onDelayMs[l] = lc.OnDelayMs;
                    _offDelayMs[l] = lc.OffDelayMs > hold ? lc.OffDelayMs : hold;
                    _levelConfig[l] = (byte)(((int)lc.Kind & 3) | (lc.Direction == Direction.Low ? DirectionBit : 0)
                        | (((int)lc.Source & 3) << SourceShift) | (lc.Latching ? LatchingBit : 0));
                    // No data yet at boot: a fault until the first good reading (de-energise to trip).
                    _levelState[l] = (byte)LevelStatus.Fault;
                    _timerSinceMs[l] = None;
                }
            }
            _firstLevel[n] = l;
            _transitions = new TransitionQueue(transitionCapacity);
            _stuck = new StuckDetector(channels);
        }

        private static int ProfileIndex(string id)
        {
            if (id == null || id.Length == 0) return -1;
            AlarmProfile[] all = ProfileCatalog.All;
            for (int i = 0; i < all.Length && i < 254; i++)
            {
                if (all[i].Id == id) return i;
            }
            return -1;
        }

        private static int GasIndex(string code)
        {
            if (code == null || code.Length == 0) return -1;
            GasInfo[] all = GasTable.All;
            for (int i = 0; i < all.Length && i < 254; i++)
            {
                if (all[i].Code == code) return i;
            }
            return -1;
        }

        public int ChannelCount { get { return _ids.Length; } }

        /// <summary>Levels of all channels together.</summary>
        public int TotalLevelCount { get { return _levelState.Length; } }

        /// <summary>Channels with a STEL or TWA level (each has both exposure windows).</summary>
        public int ExposureChannelCount { get { return _stel == null ? 0 : _stel.Slots; } }

        public TransitionQueue Transitions { get { return _transitions; } }

        public int IndexOf(string channelId)
        {
            for (int i = 0; i < _ids.Length; i++)
            {
                if (_ids[i] == channelId) return i;
            }
            return -1;
        }

        // ---- Channel configuration ----

        public string ChannelId(int channel) { return _ids[channel]; }

        public Unit ChannelUnit(int channel) { return (Unit)(_channelInfo[channel] & 0xFF); }

        /// <summary>The built-in profile the channel's levels come from, or null for a site-defined channel.</summary>
        public AlarmProfile Profile(int channel)
        {
            int p = ((_channelInfo[channel] >> ProfileShift) & 0xFF) - 1;
            return p < 0 ? null : ProfileCatalog.All[p];
        }

        /// <summary>The profile's id, or "" for a site-defined channel.</summary>
        public string ProfileId(int channel)
        {
            AlarmProfile p = Profile(channel);
            return p == null ? "" : p.Id;
        }

        /// <summary>The measured gas (GasTable), or null when the channel's gas code is not in the table.</summary>
        public GasInfo Gas(int channel)
        {
            int g = ((_channelInfo[channel] >> GasShift) & 0xFF) - 1;
            return g < 0 ? null : GasTable.All[g];
        }

        public double RangeMin(int channel) { return _rangeMin[channel]; }
        public double RangeMax(int channel) { return _rangeMax[channel]; }
        public int MaxAgeMs(int channel) { return _maxAgeMs[channel]; }
        public int MaxInhibitMs(int channel) { return _maxInhibitMs[channel]; }
        public long CalibrationDueUtcMs(int channel) { return _calibrationDueUtcMs[channel]; }

        public bool HasExposureLevels(int channel) { return _exposureSlot != null && _exposureSlot[channel] >= 0; }

        public int LevelCount(int channel) { return _firstLevel[channel + 1] - _firstLevel[channel]; }

        public LevelKind LevelKindOf(int channel, int level) { return (LevelKind)(_levelConfig[_firstLevel[channel] + level] & 3); }

        public Direction LevelDirection(int channel, int level)
        {
            return (_levelConfig[_firstLevel[channel] + level] & DirectionBit) != 0 ? Direction.Low : Direction.High;
        }

        public LevelSource LevelSourceOf(int channel, int level) { return (LevelSource)((_levelConfig[_firstLevel[channel] + level] >> SourceShift) & 3); }

        public double Threshold(int channel, int level) { return _threshold[_firstLevel[channel] + level]; }
        public double Restore(int channel, int level) { return _restore[_firstLevel[channel] + level]; }
        public int OnDelayMs(int channel, int level) { return _onDelayMs[_firstLevel[channel] + level]; }
        /// <summary>
        /// How long the restore condition must hold before the level clears: the level's own off-delay or,
        /// when longer, its profile family's clear hold (<see cref="ClearHold"/>; issue 13 #5, anti-chatter).
        /// </summary>
        public int OffDelayMs(int channel, int level) { return _offDelayMs[_firstLevel[channel] + level]; }
        public bool IsLatching(int channel, int level) { return (_levelConfig[_firstLevel[channel] + level] & LatchingBit) != 0; }

        /// <summary>
        /// A new ChannelConfig rebuilt from the engine's copy (profile, gas and levels included;
        /// LevelEntryIndex is not kept). Allocates: for start-up checks and descriptions, never in the scan.
        /// </summary>
        public ChannelConfig CopyConfig(int channel)
        {
            int n = LevelCount(channel);
            LevelConfig[] levels = new LevelConfig[n];
            for (int i = 0; i < n; i++)
            {
                levels[i] = new LevelConfig(LevelKindOf(channel, i), LevelDirection(channel, i), Threshold(channel, i), Restore(channel, i),
                    OnDelayMs(channel, i), OffDelayMs(channel, i), IsLatching(channel, i), LevelSourceOf(channel, i));
            }
            ChannelConfig c = new ChannelConfig(_ids[channel], ProfileId(channel), ChannelUnit(channel), levels, _maxAgeMs[channel],
                _rangeMin[channel], _rangeMax[channel], _maxInhibitMs[channel]);
            c.CalibrationDueUtcMs = _calibrationDueUtcMs[channel];
            c.StuckWindowMs = _stuck.WindowMs(channel);
            c.StuckMinVariation = _stuck.MinVariation(channel);
            GasInfo gas = Gas(channel);
            c.Gas = gas == null ? "" : gas.Code;
            return c;
        }

        // ---- Channel state ----

        public bool HasReading(int channel) { return (_channelFlags[channel] & HasReadingBit) != 0; }

        /// <summary>The last reading submitted (default before the first).</summary>
        public Reading LastReading(int channel)
        {
            return new Reading(_value[channel], ReadingUnit(channel), (Quality)(_channelFlags[channel] & QualityBits),
                _readingMs[channel], _readingUtcMs[channel]);
        }

        public double LastValue(int channel) { return _value[channel]; }

        /// <summary>Monotonic time of the last reading's measurement.</summary>
        public long LastMonotonicMs(int channel) { return _readingMs[channel]; }

        /// <summary>The reading's quality plus what the engine found (stale, out of range, inhibited, no data).</summary>
        public Quality EffectiveQuality(int channel) { return (Quality)((_channelFlags[channel] >> EffectiveShift) & QualityBits); }

        public bool IsInhibited(int channel) { return _inhibitUntilMs[channel] != None; }

        /// <summary>The frozen-sensor diagnostic of the channels (window, minimum variation, state).</summary>
        public StuckDetector Stuck { get { return _stuck; } }

        /// <summary>Stuck (Quality.Stuck), and the signal has moved again since: the next accepted reset clears it.</summary>
        public bool IsStuckAwaitingReset(int channel) { return _stuck.HasMovedSinceStuck(channel); }

        /// <summary>
        /// Part of a reset: clears the channel's stuck fault once its signal has moved again (issue 13 #2)
        /// and re-evaluates it. False while it is stuck and has not moved: the reset must be refused.
        /// </summary>
        public bool ClearStuck(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return false;
            if (!_stuck.IsStuck(channel)) return true;
            if (!_stuck.TryClear(channel, nowMs)) return false;
            Evaluate(channel, nowMs, false);
            return true;
        }

        /// <summary>Monotonic time at which the inhibit ends by itself (long.MinValue when not inhibited).</summary>
        public long InhibitUntilMs(int channel) { return _inhibitUntilMs[channel]; }

        /// <summary>15-minute STEL average at the last evaluation (0 for a channel without exposure levels).</summary>
        public double StelAverage(int channel)
        {
            return HasExposureLevels(channel) ? _exposureAverage[2 * _exposureSlot[channel]] : 0;
        }

        /// <summary>8-hour TWA average at the last evaluation (0 for a channel without exposure levels).</summary>
        public double TwaAverage(int channel)
        {
            return HasExposureLevels(channel) ? _exposureAverage[2 * _exposureSlot[channel] + 1] : 0;
        }

        private Unit ReadingUnit(int channel) { return (Unit)((_channelFlags[channel] >> ReadingUnitShift) & 0xFF); }

        // ---- Level state ----

        public LevelStatus Status(int channel, int level) { return (LevelStatus)(_levelState[_firstLevel[channel] + level] & StatusBits); }

        public bool IsAcknowledged(int channel, int level) { return (_levelState[_firstLevel[channel] + level] & AcknowledgedBit) != 0; }

        /// <summary>True from activation of a latching level until its accepted reset; survives faults.</summary>
        public bool IsLatched(int channel, int level) { return (_levelState[_firstLevel[channel] + level] & LatchedBit) != 0; }

        /// <summary>Active, latched or faulted: what a dependent interlock must treat as tripped.</summary>
        public bool IsLevelTripping(int channel, int level) { return Tripping(_firstLevel[channel] + level); }

        /// <summary>True when a level of this kind is active, latched or faulted (also true while the channel is faulted).</summary>
        public bool IsTripping(int channel, LevelKind kind)
        {
            for (int l = _firstLevel[channel]; l < _firstLevel[channel + 1]; l++)
            {
                if ((LevelKind)(_levelConfig[l] & 3) == kind && Tripping(l)) return true;
            }
            return false;
        }

        private bool Tripping(int l)
        {
            int s = _levelState[l];
            LevelStatus status = (LevelStatus)(s & StatusBits);
            return status == LevelStatus.Active || status == LevelStatus.ClearedAwaitingReset
                || status == LevelStatus.Fault || (s & LatchedBit) != 0;
        }

        private LevelStatus StatusAt(int l) { return (LevelStatus)(_levelState[l] & StatusBits); }

        private void SetStatus(int l, LevelStatus status) { _levelState[l] = (byte)((_levelState[l] & ~StatusBits) | (int)status); }

        private void SetFlag(int l, int bit, bool on)
        {
            _levelState[l] = (byte)(on ? _levelState[l] | bit : _levelState[l] & ~bit);
        }

        // ---- Operations ----

        /// <summary>Submits a new reading of a channel and evaluates it at nowMs.</summary>
        public void Update(int channel, Reading reading, long nowMs)
        {
            int unit = (int)reading.Unit;
            if (unit < 0 || unit > 254) unit = 255;
            _value[channel] = reading.Value;
            _readingMs[channel] = reading.MonotonicMs;
            _readingUtcMs[channel] = reading.UtcMs;
            _channelFlags[channel] = ((int)reading.Quality & QualityBits) | (_channelFlags[channel] & (QualityBits << EffectiveShift))
                | (unit << ReadingUnitShift) | HasReadingBit;
            Evaluate(channel, nowMs, true);
        }

        /// <summary>Advances time for every channel: staleness, delays, inhibit expiry.</summary>
        public void Tick(long nowMs)
        {
            for (int i = 0; i < _ids.Length; i++) Evaluate(i, nowMs, false);
        }

        public int Acknowledge(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return 0;
            int n = 0;
            int first = _firstLevel[channel];
            for (int l = first; l < _firstLevel[channel + 1]; l++)
            {
                LevelStatus s = StatusAt(l);
                bool annunciated = s == LevelStatus.Active || s == LevelStatus.ClearedAwaitingReset || s == LevelStatus.Fault;
                if (annunciated && (_levelState[l] & AcknowledgedBit) == 0)
                {
                    SetFlag(l, AcknowledgedBit, true);
                    n++;
                    Emit(TransitionKind.Acknowledged, channel, l - first, s, s, nowMs);
                }
            }
            return n;
        }

        /// <summary>
        /// Resets every latched level of a channel, all or nothing: refused while any latched
        /// level's condition persists or the channel is faulted.
        /// </summary>
        public ResetOutcome Reset(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return ResetOutcome.UnknownChannel;
            bool wasStuck = _stuck.IsStuck(channel);
            if (!ClearStuck(channel, nowMs)) return ResetOutcome.SensorStuck;
            int first = _firstLevel[channel];
            int end = _firstLevel[channel + 1];
            bool any = false;
            for (int l = first; l < end; l++)
            {
                if ((_levelState[l] & LatchedBit) == 0) continue;
                any = true;
                LevelStatus s = StatusAt(l);
                if (s == LevelStatus.Fault) return ResetOutcome.ChannelFault;
                if (s == LevelStatus.Active || s == LevelStatus.Pending) return ResetOutcome.ConditionPersists;
            }
            if (!any) return wasStuck ? ResetOutcome.Accepted : ResetOutcome.NothingToReset;
            for (int l = first; l < end; l++)
            {
                if ((_levelState[l] & LatchedBit) == 0) continue;
                ResetAt(channel, l, first, nowMs);
            }
            return ResetOutcome.Accepted;
        }

        /// <summary>Resets one level.</summary>
        public ResetOutcome ResetLevel(int channel, int level, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return ResetOutcome.UnknownChannel;
            if (level < 0 || level >= LevelCount(channel)) return ResetOutcome.UnknownLevel;
            int first = _firstLevel[channel];
            int l = first + level;
            if ((_levelConfig[l] & LatchingBit) == 0) return ResetOutcome.NotLatching;
            if ((_levelState[l] & LatchedBit) == 0) return ResetOutcome.NothingToReset;
            LevelStatus s = StatusAt(l);
            if (s == LevelStatus.Fault) return ResetOutcome.ChannelFault;
            if (s == LevelStatus.Active || s == LevelStatus.Pending) return ResetOutcome.ConditionPersists;
            ResetAt(channel, l, first, nowMs);
            return ResetOutcome.Accepted;
        }

        /// <summary>Inhibits a channel until a monotonic time; ends by itself (inhibit must expire).</summary>
        public InhibitOutcome Inhibit(int channel, long untilMs, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return InhibitOutcome.UnknownChannel;
            if (untilMs <= nowMs) return InhibitOutcome.ExpiryMissing;
            // Issue 13 #9: a renewal before the end continues the same inhibit, so the maximum counts from its first start.
            bool was = IsInhibited(channel) && nowMs < _inhibitUntilMs[channel];
            long since = was ? _inhibitSinceMs[channel] : nowMs;
            if (untilMs - since > _maxInhibitMs[channel]) return InhibitOutcome.TooLong;
            if (!was && IsInhibited(channel)) Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            _inhibitSinceMs[channel] = since;
            _inhibitUntilMs[channel] = untilMs;
            if (!was) Emit(TransitionKind.InhibitStarted, channel, -1, LevelStatus.Normal, LevelStatus.Inhibited, nowMs);
            Evaluate(channel, nowMs, false);
            return InhibitOutcome.Accepted;
        }

        public void EndInhibit(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return;
            if (!IsInhibited(channel)) return;
            _inhibitUntilMs[channel] = None;
            Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            Evaluate(channel, nowMs, false);
        }

        private void ResetAt(int channel, int l, int first, long nowMs)
        {
            LevelStatus from = StatusAt(l);
            _levelState[l] = (byte)LevelStatus.Normal; // not latched, not acknowledged
            _timerSinceMs[l] = None;
            Emit(TransitionKind.ResetAccepted, channel, l - first, from, LevelStatus.Normal, nowMs);
        }

        private void Evaluate(int channel, long nowMs, bool newSample)
        {
            if (_inhibitUntilMs[channel] != None && nowMs >= _inhibitUntilMs[channel])
            {
                _inhibitUntilMs[channel] = None;
                Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            }

            Quality q = JudgeStuck(channel, ComputeQuality(channel, nowMs), nowMs, newSample);
            Quality before = EffectiveQuality(channel);
            if (q != before)
            {
                _channelFlags[channel] = (_channelFlags[channel] & ~(QualityBits << EffectiveShift)) | (((int)q & QualityBits) << EffectiveShift);
                AlarmTransition t = default(AlarmTransition);
                t.Kind = TransitionKind.QualityChanged;
                t.ChannelIndex = channel;
                t.LevelIndex = -1;
                t.Quality = q;
                t.Value = (double)(int)before;
                t.AtMs = nowMs;
                _transitions.Enqueue(ref t);
            }

            bool bad = QualityRules.IsBad(q);
            bool inhibited = IsInhibited(channel);
            double value = _value[channel];

            double stel = 0;
            double twa = 0;
            int slot = _exposureSlot == null ? -1 : _exposureSlot[channel];
            if (slot >= 0)
            {
                // Issue 13 #7: only good, uninhibited samples are exposure (calibration gas under an
                // inhibit is not); bad or inhibited time is a gap the windows fill with a hold, never zero.
                if (newSample && !bad && !inhibited) { _stel.Add(slot, value, nowMs, _maxAgeMs[channel]); _twa.Add(slot, value, nowMs, _maxAgeMs[channel]); }
                stel = _stel.Average(slot, nowMs);
                twa = _twa.Average(slot, nowMs);
                _exposureAverage[2 * slot] = stel;
                _exposureAverage[2 * slot + 1] = twa;
            }

            int first = _firstLevel[channel];
            int end = _firstLevel[channel + 1];
            for (int l = first; l < end; l++)
            {
                LevelSource source = (LevelSource)((_levelConfig[l] >> SourceShift) & 3);
                double v = source == LevelSource.Instant ? value : (source == LevelSource.Stel ? stel : twa);
                EvaluateLevel(channel, l, first, v, bad, inhibited, nowMs);
            }
        }

        private Quality ComputeQuality(int c, long nowMs)
        {
            bool inhibited = IsInhibited(c);
            int flags = _channelFlags[c];
            if ((flags & HasReadingBit) == 0) return Quality.NoData | (inhibited ? Quality.Inhibited : Quality.Good);
            // The reading's own NoData stays (a Modbus point before its first poll is submitted so): bad
            // data is a fault, never a value. Inhibited is the engine's to set.
            Quality q = (Quality)(flags & QualityBits) & ~Quality.Inhibited;
            double v = _value[c];
            // NaN fails both comparisons: it must be caught explicitly (bad data is a fault, never a value).
            if (double.IsNaN(v) || double.IsInfinity(v) || v < _rangeMin[c] || v > _rangeMax[c]) q |= Quality.OutOfRange;
            if (nowMs - _readingMs[c] > _maxAgeMs[c]) q |= Quality.Stale;
            if (((flags >> ReadingUnitShift) & 0xFF) != (_channelInfo[c] & 0xFF)) q |= Quality.SensorFault;
            if (_calibrationDueUtcMs[c] > 0 && _readingUtcMs[c] >= _calibrationDueUtcMs[c]) q |= Quality.CalibrationOverdue;
            if (inhibited) q |= Quality.Inhibited;
            return q;
        }

        /// <summary>Feeds the frozen-sensor diagnostic with a good, uninhibited sample and adds Quality.Stuck while it holds.</summary>
        private Quality JudgeStuck(int c, Quality q, long nowMs, bool newSample)
        {
            if ((q & Quality.Inhibited) != 0) _stuck.Restart(c);
            else if (!QualityRules.IsBad(q))
            {
                if (newSample) _stuck.Observe(c, _value[c], nowMs);
                _stuck.Judge(c, nowMs);
            }
            return _stuck.IsStuck(c) ? q | Quality.Stuck : q;
        }

        private void EvaluateLevel(int channel, int l, int first, double v, bool bad, bool inhibited, long nowMs)
        {
            int index = l - first;
            LevelStatus from = StatusAt(l);

            if (bad)
            {
                // Bad data is a fault, never a value: drop the timers, keep the latch memory.
                _timerSinceMs[l] = None;
                if (from != LevelStatus.Fault)
                {
                    SetStatus(l, LevelStatus.Fault);
                    SetFlag(l, AcknowledgedBit, false);
                    Emit(TransitionKind.LevelChanged, channel, index, from, LevelStatus.Fault, nowMs, v);
                }
                return;
            }

            if (inhibited)
            {
                _timerSinceMs[l] = None;
                if (from != LevelStatus.Inhibited)
                {
                    SetStatus(l, LevelStatus.Inhibited);
                    Emit(TransitionKind.LevelChanged, channel, index, from, LevelStatus.Inhibited, nowMs, v);
                }
                return;
            }

            bool latched = (_levelState[l] & LatchedBit) != 0;
            LevelStatus status = from;
            if (status == LevelStatus.Fault || status == LevelStatus.Inhibited)
            {
                // Re-enter from what the latch remembers: a latched level comes back latched.
                status = latched ? LevelStatus.ClearedAwaitingReset : LevelStatus.Normal;
            }

            int cfg = _levelConfig[l];
            bool high = (cfg & DirectionBit) == 0;
            // High: active when value ≥ threshold, clears when value < restore (≤ threshold).
            // Low: active when value < threshold, clears when value ≥ restore (≥ threshold).
            bool on = high ? v >= _threshold[l] : v < _threshold[l];
            bool restored = high ? v < _restore[l] : v >= _restore[l];

            switch (status)
            {
                case LevelStatus.Normal:
                case LevelStatus.Pending:
                    if (on)
                    {
                        if (_timerSinceMs[l] == None) _timerSinceMs[l] = nowMs;
                        if (nowMs - _timerSinceMs[l] >= _onDelayMs[l])
                        {
                            status = LevelStatus.Active;
                            _timerSinceMs[l] = None;
                            SetFlag(l, AcknowledgedBit, false);
                            if ((cfg & LatchingBit) != 0) SetFlag(l, LatchedBit, true);
                        }
                        else
                        {
                            status = LevelStatus.Pending;
                        }
                    }
                    else
                    {
                        _timerSinceMs[l] = None;
                        status = LevelStatus.Normal;
                    }
                    break;

                case LevelStatus.Active:
                    if (restored)
                    {
                        if (_timerSinceMs[l] == None) _timerSinceMs[l] = nowMs;
                        if (nowMs - _timerSinceMs[l] >= _offDelayMs[l])
                        {
                            _timerSinceMs[l] = None;
                            status = latched ? LevelStatus.ClearedAwaitingReset : LevelStatus.Normal;
                            if (status == LevelStatus.Normal) SetFlag(l, AcknowledgedBit, false);
                        }
                    }
                    else
                    {
                        _timerSinceMs[l] = None;
                    }
                    break;

                case LevelStatus.ClearedAwaitingReset:
                    if (on)
                    {
                        // Still latched: the condition's return is immediate, no on-delay.
                        status = LevelStatus.Active;
                        _timerSinceMs[l] = None;
                    }
                    else if (!restored)
                    {
                        // Back in the hysteresis band: no longer below restore, so the condition
                        // has not cleared (AQ 1029-2019: re-energise only below restore). Hold active.
                        status = LevelStatus.Active;
                    }
                    break;
            }

            SetStatus(l, status);
            if (status != from) Emit(TransitionKind.LevelChanged, channel, index, from, status, nowMs, v);
        }

        private void Emit(TransitionKind kind, int channel, int level, LevelStatus from, LevelStatus to, long nowMs)
        {
            Emit(kind, channel, level, from, to, nowMs, _value[channel]);
        }

        private void Emit(TransitionKind kind, int channel, int level, LevelStatus from, LevelStatus to, long nowMs, double value)
        {
            AlarmTransition t = default(AlarmTransition);
            t.Kind = kind;
            t.ChannelIndex = channel;
            t.LevelIndex = level;
            t.From = from;
            t.To = to;
            t.Value = value;
            t.Quality = EffectiveQuality(channel);
            t.AtMs = nowMs;
            _transitions.Enqueue(ref t);
        }
    }
}
