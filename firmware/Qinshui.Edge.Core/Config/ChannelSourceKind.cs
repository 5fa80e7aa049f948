namespace Qinshui.Edge.Core.Config
{
    /// <summary>Where a channel's readings come from (GatewayConfig.SourceKind).</summary>
    public enum ChannelSourceKind
    {
        /// <summary>Fed by the composition root (simulator, external system).</summary>
        External = 0,
        /// <summary>A point of a Modbus RTU device on a bus.</summary>
        Modbus = 1,
        /// <summary>A 4–20 mA loop input scaled to the channel's range (NAMUR NE43 failure currents are faults).</summary>
        Analog = 2,
    }
}
