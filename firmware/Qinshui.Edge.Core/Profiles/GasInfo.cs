namespace Qinshui.Edge.Core.Profiles
{
    /// <summary>Physical data of a gas used for unit conversion and hot-work rules.</summary>
    public sealed class GasInfo
    {
        public GasInfo(string code, string nameEn, string nameZh, double molarMassGramsPerMole, double lowerExplosiveLimitPercentVolume, string source)
        {
            Code = code;
            NameEn = nameEn;
            NameZh = nameZh;
            MolarMassGramsPerMole = molarMassGramsPerMole;
            LowerExplosiveLimitPercentVolume = lowerExplosiveLimitPercentVolume;
            Source = source;
        }

        public string Code { get; }
        public string NameEn { get; }
        public string NameZh { get; }
        public double MolarMassGramsPerMole { get; }

        /// <summary>LEL in %vol; 0 for gases that do not burn.</summary>
        public double LowerExplosiveLimitPercentVolume { get; }

        public bool IsCombustible { get { return LowerExplosiveLimitPercentVolume > 0; } }

        public string Source { get; }
    }
}
