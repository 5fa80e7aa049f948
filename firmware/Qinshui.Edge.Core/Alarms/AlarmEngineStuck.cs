using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Frozen-sensor diagnostic of the engine (issue 13 #2): stuck quality, its clearing on reset.</summary>
    public sealed partial class AlarmEngine
    {
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
    }
}
