using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Changing state of one channel: last reading, effective quality, levels, exposure.</summary>
    public sealed class ChannelState
    {
        internal ChannelState(ChannelConfig config)
        {
            Levels = new LevelState[config.Levels.Length];
            for (int i = 0; i < Levels.Length; i++) Levels[i] = new LevelState();
            if (config.HasExposureLevels)
            {
                Stel = ExposureWindow.Stel(config.MaxAgeMs);
                Twa = ExposureWindow.Twa(config.MaxAgeMs);
            }
            EffectiveQuality = Quality.NoData;
            InhibitUntilMs = LevelState.None;
        }

        public Reading Last { get; internal set; }
        public bool HasReading { get; internal set; }

        /// <summary>The reading's quality plus what the engine found (stale, out of range, inhibited, no data).</summary>
        public Quality EffectiveQuality { get; internal set; }

        public LevelState[] Levels { get; }

        public bool IsInhibited { get { return InhibitUntilMs != LevelState.None; } }

        /// <summary>Monotonic time at which the inhibit ends by itself (None when not inhibited).</summary>
        public long InhibitUntilMs { get; internal set; }

        internal ExposureWindow Stel;
        internal ExposureWindow Twa;

        public double StelAverage { get; internal set; }
        public double TwaAverage { get; internal set; }
    }
}
