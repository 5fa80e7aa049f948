namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>
    /// Defaults of the frozen-sensor (flatline) diagnostic per profile family (issue 13 #2): a reading
    /// that stays within its minimum expected variation for the window is a fault, never a good value.
    /// An honest gas head always shows noise or the diurnal change of the ventilation within these
    /// windows; a head stuck at a clean value would otherwise keep power on while the real gas rises.
    /// The minimum variation is a fraction of the profile's range, so it is in the channel's unit.
    /// </summary>
    public static class StuckCheck
    {
        /// <summary>Methane heads (AQ 6203 catalytic, 0–4 %CH4, resolution 0.01): 30 min.</summary>
        public const int MineMethaneWindowMs = 30 * 60 * 1000;

        /// <summary>Other gases and temperatures move more slowly in clean air: 60 min.</summary>
        public const int OtherWindowMs = 60 * 60 * 1000;

        /// <summary>0.25 % of span: 0.01 %CH4 on a 0–4 % head, its display resolution.</summary>
        public const double MineMethaneVariationOfSpan = 0.0025;

        /// <summary>0.1 % of span: 1 ppm CO on 0–1000, 0.03 %vol O2 on 0–30, 0.1 %LEL on 0–100.</summary>
        public const double OtherVariationOfSpan = 0.001;

        public static int DefaultWindowMs(ProfileFamily family)
        {
            return family == ProfileFamily.MineMethane ? MineMethaneWindowMs : OtherWindowMs;
        }

        public static double DefaultMinVariation(AlarmProfile profile)
        {
            double fraction = profile.Family == ProfileFamily.MineMethane ? MineMethaneVariationOfSpan : OtherVariationOfSpan;
            return fraction * (profile.RangeMax - profile.RangeMin);
        }
    }
}
