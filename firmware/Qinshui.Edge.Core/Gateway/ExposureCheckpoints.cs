using System;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// Carries the STEL/TWA windows over reboots (issue 13 #6): at boot restores them from the
    /// previous boot's checkpoint (<see cref="AlarmEngine.RestoreExposure"/>, which says what is
    /// assumed when it is missing or damaged) and records an event saying what it found; then
    /// saves a checkpoint at the first scan and every <see cref="IntervalMs"/> (one STEL bucket:
    /// at most a minute of exposure is ever unknown, and that minute is filled, never zero).
    /// The buffer is sized at start-up; a checkpoint allocates nothing.
    /// </summary>
    public sealed class ExposureCheckpoints
    {
        public const long IntervalMs = 60 * 1000;

        private readonly AlarmEngine _alarms;
        private readonly IClock _clock;
        private readonly byte[] _buffer;
        private long _lastMs = long.MinValue;

        public ExposureCheckpoints(AlarmEngine alarms, IClock clock)
        {
            _alarms = alarms;
            _clock = clock;
            _buffer = new byte[alarms.ExposureRecordBytes];
        }

        /// <summary>Where checkpoints go (null: none are saved; the composition root sets it).</summary>
        public IExposureStore Store { get; set; }

        /// <summary>What the boot made of the previous checkpoint.</summary>
        public ExposureRestore Restored { get; private set; }

        /// <summary>Checkpoints that were not saved (store refused or threw).</summary>
        public long SaveFailures { get; private set; }

        public void Restore(GatewayBoot boot, IEventSink events)
        {
            byte[] checkpoint = boot.ExposureRecord;
            Restored = _alarms.RestoreExposure(checkpoint, checkpoint == null ? 0 : checkpoint.Length, boot.ExposureHistoryExpected,
                _clock.MonotonicMs, _clock.UtcMs, _clock.IsTrusted);
            if (Restored == ExposureRestore.AssumedAtLimit)
                events.Record("exposure_history_lost", EventSeverity.Warning, "",
                    "STEL/TWA history of the previous boot lost or damaged: each window is taken at its exposure limit (GBZ 2.1) until new samples replace it.",
                    "上次启动的STEL/TWA接触历史丢失或损坏：各时间窗按其接触限值计（GBZ 2.1），直至新采样替代。");
            else if (Restored == ExposureRestore.RestoredOffTimeUnknown)
                events.Record("exposure_off_time_unknown", EventSeverity.Warning, "",
                    "STEL/TWA restored, but the time the gateway was off is unknown (clock not trusted): it counts as a whole window at the last values.",
                    "STEL/TWA已恢复，但断电时长未知（时钟不可信）：按最后读数计满整个时间窗。");
        }

        /// <summary>Saves a checkpoint at the first call and then every <see cref="IntervalMs"/>.</summary>
        public void Step(long nowMs)
        {
            if (Store == null || _buffer.Length == 0) return;
            if (_lastMs != long.MinValue && nowMs - _lastMs < IntervalMs) return;
            _lastMs = nowMs;
            int length = _alarms.WriteExposureRecord(_buffer, _clock.UtcMs, _clock.IsTrusted);
            bool saved;
            try
            {
                saved = Store.SaveExposure(_buffer, length);
            }
            catch (Exception)
            {
                saved = false;
            }
            if (!saved) SaveFailures++;
        }
    }
}
