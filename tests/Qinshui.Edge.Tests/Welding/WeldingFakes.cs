using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Welding;

internal sealed class FakeMachine : IWeldingMachineLink
{
    public string? Code { get; set; } = "QS-WM-0001";
    public string Model { get; set; } = "ZX7-400";
    public double ArcCurrentAmps { get; set; }
    public Quality ArcCurrentQuality { get; set; } = Quality.Good;

    public bool TryGetIdentity(out string code, out string model)
    {
        code = Code!;
        model = Model;
        return Code != null;
    }
}

internal sealed class FakeZones : IZoneStatus
{
    public bool Holds { get; set; } = true;
    public bool ConditionsHoldExceptAuthorisation(string zoneId) => Holds;
}

internal sealed class RecordingWeldingEvents : IWeldingEvents
{
    public List<string> Log { get; } = new();
    public List<WeldingSession> Ended { get; } = new();
    public WeldingReason LastRefusal { get; private set; }
    public int Started { get; private set; }

    public void StartRefused(string stationId, string zoneId, string cardUid, WeldingReason reason)
    {
        LastRefusal = reason;
        Log.Add("refused " + WeldingReasonText.Code(reason));
    }

    public void SessionStarted(WeldingSession session)
    {
        Started++;
        Log.Add("started " + session.WelderId);
    }

    public void SessionEnded(WeldingSession session)
    {
        var copy = new WeldingSession();
        copy.SessionNumber = session.SessionNumber;
        copy.WelderId = session.WelderId;
        copy.MachineCode = session.MachineCode;
        copy.PermitId = session.PermitId;
        copy.ArcOnMs = session.ArcOnMs;
        copy.MaxCurrentAmps = session.MaxCurrentAmps;
        copy.CurrentIntegralAmpMs = session.CurrentIntegralAmpMs;
        copy.StopReason = session.StopReason;
        copy.StartMonotonicMs = session.StartMonotonicMs;
        copy.StopMonotonicMs = session.StopMonotonicMs;
        Ended.Add(copy);
        Log.Add("ended " + WeldingReasonText.Code(session.StopReason));
    }

    public void Warning(string stationId, string zoneId, WeldingReason reason, string detail) => Log.Add("warning " + WeldingReasonText.Code(reason));

    public bool Has(string entry) => Log.Contains(entry);
}
