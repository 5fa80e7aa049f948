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
    public sealed partial class AlarmEngine
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
        // Per exposure slot: the channel id's hash, written in the exposure checkpoint (ExposureRecord).
        private readonly uint[] _exposureIdHash;
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
                _exposureIdHash = new uint[exposure];
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
                if (cfg.HasExposureLevels) _exposureIdHash[slot - 1] = ExposureRecord.IdHash(cfg.Id);

                _firstLevel[c] = l;
                l = CopyLevels(c, cfg.Levels, l);
            }
            _firstLevel[n] = l;
            _transitions = new TransitionQueue(transitionCapacity);
            _stuck = new StuckDetector(channels);
        }

        /// <summary>Flattens a channel's levels into the level arrays from index l; returns the next free index.</summary>
        private int CopyLevels(int c, LevelConfig[] lcs, int l)
        {
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
            return l;
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

        private Unit ReadingUnit(int channel) { return (Unit)((_channelFlags[channel] >> ReadingUnitShift) & 0xFF); }
    }
}
