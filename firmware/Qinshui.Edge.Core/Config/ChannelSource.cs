namespace Qinshui.Edge.Core.Config
{
    public enum ChannelSourceKind
    {
        /// <summary>Fed by the composition root (simulator, external system).</summary>
        External = 0,
        /// <summary>A point of a Modbus RTU device on a bus.</summary>
        Modbus = 1,
        /// <summary>A 4–20 mA loop input scaled to the channel's range (NAMUR NE43 failure currents are faults).</summary>
        Analog = 2,
    }

    /// <summary>Where a channel's readings come from.</summary>
    public sealed class ChannelSource
    {
        public ChannelSourceKind Kind { get; set; }
        public int BusIndex { get; set; }
        public string DeviceName { get; set; }
        public string PointId { get; set; }
        public string AnalogInputId { get; set; }

        public static ChannelSource External()
        {
            return new ChannelSource();
        }
    }
}
