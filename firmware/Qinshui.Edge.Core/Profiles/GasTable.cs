namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>
    /// Molar masses (IUPAC standard atomic weights) and lower explosive limits. The CH4 LEL of
    /// 5 %vol is STANDARDS.md's explosive range 5–16 %vol; the other LELs are the customary
    /// values listed in GB/T 50493-2019's appendix of combustible gases and GB 30871-2022
    /// practice (to verify against the enterprise's safety data sheets). Molar volume at
    /// 20 °C, 101.3 kPa: 24.04 L/mol (STANDARDS.md).
    /// </summary>
    public static class GasTable
    {
        public const double MolarVolumeLitresAt20C = 24.04;

        private const string Iupac = "molar mass: IUPAC standard atomic weights";
        private const string Lel = "LEL: GB/T 50493-2019 appendix (customary values; verify against the SDS)";

        private static GasInfo[] s_all;

        public static GasInfo[] All
        {
            get
            {
                if (s_all == null)
                {
                    s_all = new GasInfo[]
                    {
                        new GasInfo("CH4", "methane", "甲烷", 16.04, 5.0, Iupac + "; LEL: STANDARDS.md (explosive range 5–16 %vol)"),
                        new GasInfo("H2", "hydrogen", "氢气", 2.016, 4.0, Iupac + "; " + Lel),
                        new GasInfo("C3H8", "propane", "丙烷", 44.10, 2.1, Iupac + "; " + Lel),
                        new GasInfo("C2H2", "acetylene", "乙炔", 26.04, 2.5, Iupac + "; " + Lel),
                        new GasInfo("C2H4", "ethylene", "乙烯", 28.05, 2.7, Iupac + "; " + Lel),
                        new GasInfo("CO", "carbon monoxide", "一氧化碳", 28.01, 12.5, Iupac + "; " + Lel),
                        new GasInfo("H2S", "hydrogen sulphide", "硫化氢", 34.08, 4.0, Iupac + "; " + Lel),
                        new GasInfo("NH3", "ammonia", "氨", 17.03, 15.0, Iupac + "; " + Lel),
                        new GasInfo("SO2", "sulphur dioxide", "二氧化硫", 64.07, 0, Iupac),
                        new GasInfo("NO2", "nitrogen dioxide", "二氧化氮", 46.01, 0, Iupac),
                        new GasInfo("CL2", "chlorine", "氯气", 70.90, 0, Iupac),
                        new GasInfo("CO2", "carbon dioxide", "二氧化碳", 44.01, 0, Iupac),
                        new GasInfo("O2", "oxygen", "氧气", 32.00, 0, Iupac),
                    };
                }
                return s_all;
            }
        }

        public static GasInfo Find(string code)
        {
            GasInfo[] all = All;
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Code == code) return all[i];
            }
            return null;
        }

        /// <summary>mg/m³ → ppm at 20 °C.</summary>
        public static double MilligramsToPpm(double mgPerCubicMetre, GasInfo gas)
        {
            return mgPerCubicMetre * MolarVolumeLitresAt20C / gas.MolarMassGramsPerMole;
        }

        /// <summary>ppm → mg/m³ at 20 °C.</summary>
        public static double PpmToMilligrams(double ppm, GasInfo gas)
        {
            return ppm * gas.MolarMassGramsPerMole / MolarVolumeLitresAt20C;
        }

        /// <summary>GB 30871-2022 hot-work limit for a combustible gas in %vol: 0.5 where LEL ≥ 4 %, 0.2 where LEL &lt; 4 %.</summary>
        public static double HotWorkLimitPercentVolume(GasInfo gas)
        {
            return gas.LowerExplosiveLimitPercentVolume >= 4.0 ? 0.5 : 0.2;
        }
    }
}
