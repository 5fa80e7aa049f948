namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>
    /// GB 30871-2022 gas analysis for confined-space entry, the same rule as for hot work:
    /// combustible gas ≤ 0.5 %vol where the gas's LEL ≥ 4 % (for CH4, LEL 5 %: ≤ 10 %LEL), ≤ 0.2 %vol
    /// where its LEL &lt; 4 %. Entry is refused above it; with people inside, a rise above it cuts the
    /// space's permissive and raises the evacuation event (STANDARDS.md, hot work and confined
    /// spaces, **verify**). A site or a permit may only tighten it.
    /// </summary>
    public static class ConfinedSpaceGasRule
    {
        public const string Source = "GB 30871-2022 gas analysis: combustible <= 0.5 %vol (LEL >= 4 %; CH4 <= 10 %LEL), <= 0.2 %vol (LEL < 4 %)";

        /// <summary>The strictest limit of the rule, for a combustible channel whose gas is unknown.</summary>
        public const double StrictestLimitPercentVolume = 0.2;

        /// <summary>The limit for this combustible gas, %vol.</summary>
        public static double LimitPercentVolume(GasInfo gas)
        {
            if (gas == null || !gas.IsCombustible) return StrictestLimitPercentVolume;
            return gas.LowerExplosiveLimitPercentVolume >= 4.0 ? 0.5 : 0.2;
        }
    }
}
