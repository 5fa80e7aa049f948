// Also compiled into the desktop tests (nullable-enabled there); this code is nullable-oblivious C# 9.
#nullable disable
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Seams
{
    /// <summary>
    /// INTERIM scan until the core's Gateway orchestrator is merged: reads the 4–20 mA inputs,
    /// classifies them by NAMUR NE43, feeds the AlarmEngine and logs its transitions. It commands
    /// no output — without the zone engine nothing may be permitted, so every relay stays
    /// de-energised (the log says so at start-up).
    /// </summary>
    public sealed class InterimAlarmScan : IScanLoop
    {
        private readonly AlarmEngine _engine;
        private readonly IAnalogInput[] _inputs;
        private readonly IClock _clock;
        private readonly ILogSink _log;

        public InterimAlarmScan(AlarmEngine engine, IAnalogInput[] inputsByChannel, IClock clock, ILogSink log, int scanPeriodMs)
        {
            _engine = engine;
            _inputs = inputsByChannel;
            _clock = clock;
            _log = log;
            ScanPeriodMs = scanPeriodMs;
        }

        public int ScanPeriodMs { get; }

        public bool Scan(long nowMs)
        {
            bool healthy = true;
            long utc = _clock.UtcMs;
            Quality clockFlag = _clock.IsTrusted ? Quality.Good : Quality.ClockUntrusted;
            for (int i = 0; i < _inputs.Length; i++)
            {
                ChannelConfig cfg = _engine.Config(i);
                double mA;
                Reading r;
                if (_inputs[i] != null && _inputs[i].TryReadMilliamps(out mA))
                {
                    Quality q = LoopCurrent.Classify(mA) | clockFlag;
                    r = new Reading(LoopCurrent.ToEngineering(mA, cfg.RangeMin, cfg.RangeMax), cfg.Unit, q, nowMs, utc);
                }
                else
                {
                    healthy = false;
                    r = new Reading(0, cfg.Unit, Quality.CommunicationFault | clockFlag, nowMs, utc);
                }
                _engine.Update(i, r, nowMs);
            }
            _engine.Tick(nowMs);
            AlarmTransition t;
            while (_engine.Transitions.TryDequeue(out t))
            {
                if (t.Kind == TransitionKind.LevelChanged && _log.IsEnabled(LogLevel.Warning))
                {
                    _log.Write(LogLevel.Warning, "alarm " + _engine.Config(t.ChannelIndex).Id + " level " + t.LevelIndex + ": "
                        + (int)t.From + " -> " + (int)t.To);
                }
            }
            return healthy;
        }
    }
}
