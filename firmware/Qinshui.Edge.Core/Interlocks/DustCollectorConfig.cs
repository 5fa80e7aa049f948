namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// A dust zone's collector. GB 15577-2018 and the national data-collection guide name the
    /// signals (hopper temperature, inlet/outlet ΔP, airlock fault; wet: water level and flow)
    /// but no national figures: every limit is a per-site value from the enterprise's
    /// assessment, with no default that could pass silently (NaN until set; the validator refuses NaN).
    /// </summary>
    public sealed class DustCollectorConfig
    {
        public DustCollectorConfig()
        {
            DpMinPa = double.NaN;
            DpMaxPa = double.NaN;
            HopperTemperatureMaxC = double.NaN;
            WaterLevelMinMm = double.NaN;
            WaterFlowMinM3h = double.NaN;
            Standard = "GB 15577-2018; 工贸企业粉尘防爆安全规定 (site assessment)";
        }

        /// <summary>Differential-pressure channel (Pa): below DpMinPa = bag rupture, above DpMaxPa = clogged.</summary>
        public string DpChannelId { get; set; }
        public double DpMinPa { get; set; }
        public double DpMaxPa { get; set; }

        public string HopperTemperatureChannelId { get; set; }
        public double HopperTemperatureMaxC { get; set; }

        /// <summary>Input active while the airlock / ash discharge reports a fault.</summary>
        public string AirlockFaultInputId { get; set; }

        /// <summary>
        /// Optional spark detector (GB 15577-2018: spark detection where the assessment requires it).
        /// Its input is active while a spark is detected; wire the detector's healthy contact normally
        /// closed and mark the input inverted, so a cut wire reads as a spark (the validator insists).
        /// </summary>
        public string SparkDetectorInputId { get; set; }

        public bool Wet { get; set; }
        public string WaterLevelChannelId { get; set; }
        public double WaterLevelMinMm { get; set; }
        public string WaterFlowChannelId { get; set; }
        public double WaterFlowMinM3h { get; set; }

        /// <summary>Where the site's values come from (printed with them).</summary>
        public string Standard { get; set; }
    }
}
