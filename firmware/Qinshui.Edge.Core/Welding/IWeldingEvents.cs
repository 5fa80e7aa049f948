namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// Where welding stations report what happens; the gateway journals each as an event in the
    /// hash-chained event log. Implementations must not keep the session object (it is reused).
    /// </summary>
    public interface IWeldingEvents
    {
        void StartRefused(string stationId, string zoneId, string cardUid, WeldingReason reason);
        void SessionStarted(WeldingSession session);
        void SessionEnded(WeldingSession session);
        void Warning(string stationId, string zoneId, WeldingReason reason, string detail);
    }
}
