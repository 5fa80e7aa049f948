namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Exposure across reboots (issue 13 #6): the checkpoint the runtime saves, and what a boot
    /// makes of it. GBZ 2.1's PC-STEL and PC-TWA bound the dose a worker takes within 15 minutes
    /// and 8 hours; a reboot ends neither period, so the dose taken before it still counts:
    /// - a whole checkpoint: each window gets the saved average × window, kept a whole window from
    ///   the boot (the most recent the past exposure can be, so never earlier than it really
    ///   leaves), plus the time the gateway was off held at the last known value — the gap rule of
    ///   issue 13 #7 (<see cref="ExposureWindow.Add"/>) applied to the off time. The off time is
    ///   the wall-clock difference when both ends were trusted; otherwise it is unknown and taken
    ///   as a whole window (the worst it can be); an off time of a window or more drops the saved
    ///   average (it has left the window) but keeps the held value over the whole window;
    /// - a damaged checkpoint, or none where a previous boot should have left one: the history is
    ///   unknown and each window is taken as exposure at the channel's own exposure limit for its
    ///   whole length — the most a history could hold without its level having tripped, so the
    ///   level is at its threshold and trips on any further exposure; as new samples come the
    ///   assumed exposure leaves bucket by bucket, as a real history would. Never zero.
    /// A channel not in the checkpoint (added by a new configuration) starts empty: it had no history.
    /// </summary>
    public sealed partial class AlarmEngine
    {
        /// <summary>Bytes of this engine's checkpoint (0 without exposure channels).</summary>
        public int ExposureRecordBytes { get { return _stel == null ? 0 : ExposureRecord.SizeFor(_stel.Slots); } }

        /// <summary>Writes the checkpoint into buffer (at least <see cref="ExposureRecordBytes"/>); returns its length. Allocates nothing.</summary>
        public int WriteExposureRecord(byte[] buffer, long utcMs, bool utcTrusted)
        {
            if (_stel == null) return 0;
            ExposureRecord.WriteHeader(buffer, _stel.Slots, utcMs, utcTrusted);
            for (int c = 0; c < _ids.Length; c++)
            {
                int slot = _exposureSlot[c];
                if (slot < 0) continue;
                double held;
                bool hasHeld = _stel.TryHeldValue(slot, out held);
                ExposureRecord.WriteChannel(buffer, slot, _exposureIdHash[slot], _exposureAverage[2 * slot], _exposureAverage[2 * slot + 1], hasHeld, held);
            }
            return ExposureRecord.Seal(buffer, _stel.Slots);
        }

        /// <summary>
        /// Restores the windows at boot from the previous boot's checkpoint (length 0 or null: none).
        /// historyExpected: a previous boot ran and should have left one (its absence is a loss).
        /// </summary>
        public ExposureRestore RestoreExposure(byte[] checkpoint, int length, bool historyExpected, long nowMs, long utcNowMs, bool utcTrusted)
        {
            if (_stel == null) return ExposureRestore.NoExposureChannels;
            int count;
            if (!ExposureRecord.IsWhole(checkpoint, length, out count))
            {
                if (!historyExpected && (checkpoint == null || length == 0)) return ExposureRestore.Fresh;
                for (int c = 0; c < _ids.Length; c++) if (_exposureSlot[c] >= 0) AssumeAtLimit(c, _exposureSlot[c], nowMs);
                return ExposureRestore.AssumedAtLimit;
            }
            long savedUtc = ExposureRecord.UtcMs(checkpoint);
            bool known = utcTrusted && ExposureRecord.WasTrusted(checkpoint) && utcNowMs >= savedUtc;
            long offMs = known ? utcNowMs - savedUtc : long.MaxValue;
            for (int c = 0; c < _ids.Length; c++)
            {
                int slot = _exposureSlot[c];
                if (slot < 0) continue;
                int i = IndexInRecord(checkpoint, count, _exposureIdHash[slot]);
                if (i < 0) continue;
                bool hasHeld = ExposureRecord.HasHeld(checkpoint, i);
                double held = hasHeld ? ExposureRecord.Value(checkpoint, i, 2) : 0;
                RestoreWindow(_stel, slot, ExposureRecord.Value(checkpoint, i, 0), hasHeld, held, offMs, nowMs);
                RestoreWindow(_twa, slot, ExposureRecord.Value(checkpoint, i, 1), hasHeld, held, offMs, nowMs);
                _exposureAverage[2 * slot] = _stel.Average(slot, nowMs);
                _exposureAverage[2 * slot + 1] = _twa.Average(slot, nowMs);
            }
            return known ? ExposureRestore.Restored : ExposureRestore.RestoredOffTimeUnknown;
        }

        private static void RestoreWindow(ExposureWindow w, int slot, double average, bool hasHeld, double held, long offMs, long nowMs)
        {
            long window = w.WindowMs;
            bool unknown = offMs == long.MaxValue;
            // The saved dose leaves the window one window after the checkpoint; an unknown off time keeps it.
            double dose = unknown || offMs < window ? average * window : 0;
            if (hasHeld) dose += held * (unknown || offMs > window ? window : offMs);
            w.RestoreRecent(slot, dose, hasHeld, held, nowMs);
        }

        private void AssumeAtLimit(int channel, int slot, long nowMs)
        {
            double stel = ExposureLimit(channel, LevelSource.Stel);
            double twa = ExposureLimit(channel, LevelSource.Twa);
            // A channel with one kind of exposure level: the other window carries the same limit.
            if (stel < 0) stel = twa;
            if (twa < 0) twa = stel;
            _stel.FillWhole(slot, stel, nowMs);
            _twa.FillWhole(slot, twa, nowMs);
            _exposureAverage[2 * slot] = _stel.Average(slot, nowMs);
            _exposureAverage[2 * slot + 1] = _twa.Average(slot, nowMs);
        }

        /// <summary>The lowest threshold of the channel's levels of that source (-1: none).</summary>
        private double ExposureLimit(int channel, LevelSource source)
        {
            double limit = -1;
            for (int l = 0; l < LevelCount(channel); l++)
            {
                if (LevelSourceOf(channel, l) != source) continue;
                double t = Threshold(channel, l);
                if (limit < 0 || t < limit) limit = t;
            }
            return limit;
        }

        private static int IndexInRecord(byte[] checkpoint, int count, uint hash)
        {
            for (int i = 0; i < count; i++) if (ExposureRecord.ChannelHash(checkpoint, i) == hash) return i;
            return -1;
        }
    }
}
