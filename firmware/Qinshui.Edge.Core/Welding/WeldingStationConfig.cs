namespace Qinshui.Edge.Core.Welding
{
    /// <summary>Fixed configuration of one welding station: a machine position in a zone with its enable relay and card reader.</summary>
    public sealed class WeldingStationConfig
    {
        public const int DefaultSettleMs = 60000;
        public const double DefaultArcThresholdAmps = 5.0;

        public WeldingStationConfig(string id, string zoneId, string expectedMachineCode, int[] gasChannels, int settleMs, double arcThresholdAmps)
        {
            Id = id;
            ZoneId = zoneId;
            ExpectedMachineCode = expectedMachineCode;
            GasChannels = gasChannels;
            SettleMs = settleMs;
            ArcThresholdAmps = arcThresholdAmps;
        }

        public string Id { get; }
        public string ZoneId { get; }

        /// <summary>The code of the machine installed at this station; another code is refused (a swapped machine).</summary>
        public string ExpectedMachineCode { get; }

        /// <summary>Alarm-engine channel indices measuring the combustible gas at the work point.</summary>
        public int[] GasChannels { get; }

        /// <summary>Gas must have been clear this long before a start.</summary>
        public int SettleMs { get; }

        /// <summary>Current above this means the arc is on.</summary>
        public double ArcThresholdAmps { get; }
    }
}
