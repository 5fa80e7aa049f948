using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>The scan: readings in, quality judged, every level of a channel evaluated.</summary>
    public sealed partial class AlarmEngine
    {
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

            int slot = _exposureSlot == null ? -1 : _exposureSlot[channel];
            if (slot >= 0) UpdateExposure(channel, slot, value, bad, inhibited, newSample, nowMs);

            int first = _firstLevel[channel];
            int end = _firstLevel[channel + 1];
            for (int l = first; l < end; l++)
            {
                LevelSource source = (LevelSource)((_levelConfig[l] >> SourceShift) & 3);
                double v = source == LevelSource.Instant ? value : _exposureAverage[2 * slot + (source == LevelSource.Stel ? 0 : 1)];
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
    }
}
