using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>A gas channel's last reading in %vol, whatever unit it measures in (NaN when it cannot be converted).</summary>
    public static class GasReadings
    {
        public static double PercentVolume(AlarmEngine alarms, int channel)
        {
            double value = alarms.LastValue(channel);
            switch (alarms.ChannelUnit(channel))
            {
                case Unit.PercentVolume: return value;
                case Unit.Ppm: return value / 10000.0;
                case Unit.PercentLel:
                    GasInfo gas = alarms.Gas(channel);
                    if (gas == null || !gas.IsCombustible) return double.NaN;
                    return value * gas.LowerExplosiveLimitPercentVolume / 100.0;
                default: return double.NaN;
            }
        }

        /// <summary>True when the channel can measure a combustible gas (%LEL, or %vol/ppm of a combustible gas).</summary>
        public static bool IsCombustibleChannel(Unit unit, GasInfo gas)
        {
            if (gas != null && gas.IsCombustible) return unit == Unit.PercentLel || unit == Unit.PercentVolume || unit == Unit.Ppm;
            return false;
        }
    }
}
