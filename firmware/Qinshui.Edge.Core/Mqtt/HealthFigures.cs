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
        /// <summary>Zones whose interlock proof test is overdue (AQ 1029-2019: every 15 days); -1 = not known.</summary>
        public int ProofTestsOverdue = -1;
        /// <summary>Their ids, the first ProofTestsOverdue entries (an array sized at start-up, one per zone).</summary>
        public string[] ProofTestOverdueZones;
        /// <summary>Commands the link's receive queue dropped (a flood); the integrator copies the link's count.</summary>
        public long CommandsDropped;
        /// <summary>The device's MQTT link history (LinkLifecycle); null where the link is not the device's (desktop host).</summary>
        public LinkHealth Link;
    }
}
