namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Exposure (GBZ 2.1 STEL/TWA): the windows fed by good, uninhibited samples (issue 13 #7).</summary>
    public sealed partial class AlarmEngine
    {
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

        /// <summary>Feeds a channel's windows and stores its STEL and TWA averages at nowMs.</summary>
        private void UpdateExposure(int channel, int slot, double value, bool bad, bool inhibited, bool newSample, long nowMs)
        {
            // Issue 13 #7: only good, uninhibited samples are exposure (calibration gas under an
            // inhibit is not); bad or inhibited time is a gap the windows fill with a hold, never zero.
            if (newSample && !bad && !inhibited) { _stel.Add(slot, value, nowMs, _maxAgeMs[channel]); _twa.Add(slot, value, nowMs, _maxAgeMs[channel]); }
            double stel = _stel.Average(slot, nowMs);
            double twa = _twa.Average(slot, nowMs);
            _exposureAverage[2 * slot] = stel;
            _exposureAverage[2 * slot + 1] = twa;
        }
    }
}
