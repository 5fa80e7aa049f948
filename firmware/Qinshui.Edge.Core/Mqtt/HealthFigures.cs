namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Figures the integrator fills for the health message (plain fields: the scan updates them
    /// without allocating). -1 means unknown and is left out of the payload.
    /// </summary>
    public sealed class HealthFigures
    {
        public long FreeHeapBytes = -1;
        public long ScanOverruns;
        public long ScanCount;
        public long BusRequests;
        public long BusTimeouts;
        public long BusCrcErrors;
        public long BusExceptions;
        /// <summary>The device's MQTT link history (LinkLifecycle); null where the link is not the device's (desktop host).</summary>
        public LinkHealth Link;
    }
}
