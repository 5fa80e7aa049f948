using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// Welding, confined-space, command and clock events into the one hash-chained event log
    /// (沁政发〔2026〕1号 (十二)8: every welding session recorded).
    /// </summary>
    public sealed partial class GatewayRuntime
    {
        // ------------------------------------------------------------ IWeldingEvents → the hash-chained event log

        public void StartRefused(string stationId, string zoneId, string cardUid, WeldingReason reason)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingStartRefused, stationId, WeldingReasonText.Code(reason), WeldingReasonText.English(reason), WeldingReasonText.Chinese(reason));
            w.String("zone", zoneId);
            w.String("card", cardUid);
            _events.Commit();
        }

        public void SessionStarted(WeldingSession s)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingSessionStarted, s.StationId, "started", "Welding session started.", "焊接作业开始。");
            WriteSession(w, s);
            _events.Commit();
        }

        public void SessionEnded(WeldingSession s)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingSessionEnded, s.StationId, WeldingReasonText.Code(s.StopReason),
                WeldingReasonText.English(s.StopReason), WeldingReasonText.Chinese(s.StopReason));
            WriteSession(w, s);
            w.Integer("stopUtcMs", s.StopUtcMs);
            w.Integer("durationMs", s.DurationMs);
            w.Integer("arcOnMs", s.ArcOnMs);
            w.Number("maxCurrentA", s.MaxCurrentAmps, 1);
            w.Number("meanCurrentA", s.MeanCurrentAmps, 1);
            _events.Commit();
        }

        public void Warning(string stationId, string zoneId, WeldingReason reason, string detail)
        {
            JsonWriter w = _events.Begin(EventKind.WeldingWarning, stationId, WeldingReasonText.Code(reason), WeldingReasonText.English(reason), WeldingReasonText.Chinese(reason));
            w.String("zone", zoneId);
            w.String("detail", detail);
            _events.Commit();
        }

        private static void WriteSession(JsonWriter w, WeldingSession s)
        {
            w.Integer("session", s.SessionNumber);
            w.String("zone", s.ZoneId);
            w.String("machine", s.MachineCode);
            w.String("welder", s.WelderId);
            w.String("welderName", s.WelderName);
            w.String("permit", s.PermitId);
            w.Integer("startUtcMs", s.StartUtcMs);
        }

        public bool Record(string code, EventSeverity severity, string subject, string english, string chinese)
        {
            _events.Begin(code, subject == null ? "" : subject, severity == EventSeverity.Info ? "info" : severity == EventSeverity.Warning ? "warning" : "critical", english, chinese);
            return _events.Commit();
        }
    }
}
