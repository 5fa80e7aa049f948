using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Welding;

/// <summary>
/// Issue 13 #3/#4: a clock change never extends a permission. The station's clock here is a port
/// that still calls itself trusted after being set back (as the device did before the fix), so
/// only the monotonic anchoring stands between a set-back and a stretched permit.
/// </summary>
public class ClockSetBackTests
{
    private const long Minute = WeldingHarness.Minute;

    [Fact]
    public void WallClockSetBackTwoHours_DuringASession_TheSessionStillEndsAtThePermitsEnd()
    {
        var h = new WeldingHarness().Ready(); // permit ends 4 h after base time; ~1 min used
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        Assert.True(h.Station.IsRunning);
        long startMono = h.Clock.MonotonicMs;
        h.Clock.UtcMs -= 120 * Minute;
        h.Run(4 * 60 * Minute);
        Assert.False(h.Enable.Energised);
        var s = Assert.Single(h.Events.Ended);
        Assert.Equal(WeldingReason.PermitExpired, s.StopReason);
        // Ended at the end computed at acceptance (≈ 4 h − 61 s after the tap), not 2 h later.
        Assert.InRange(s.StopMonotonicMs - startMono, 4 * 60 * Minute - 62_000, 4 * 60 * Minute - 60_000);
    }

    [Fact]
    public void WallClockSetBack_BeforeTheTap_DoesNotReopenAnEndedPermit()
    {
        var h = new WeldingHarness().Ready();
        h.Run(4 * 60 * Minute); // the permit's window has ended
        h.Clock.UtcMs -= 3 * 60 * Minute;
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.NoValidPermit, h.Events.LastRefusal);
    }

    [Fact]
    public void WallClockSetBack_DoesNotMakeAnOldGasAnalysisFresh()
    {
        var h = new WeldingHarness().Ready();
        h.Run(40 * Minute); // analysis now > 30 min old
        h.Clock.UtcMs -= 30 * Minute;
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.GasAnalysisTooOld, h.Events.LastRefusal);
    }

    [Fact]
    public void WallClockJumpForward_EndsTheSession_WhenThePermitHasEndedByTheWallClock()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        h.Clock.UtcMs += 5 * 60 * Minute;
        h.Run(1000);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.PermitExpired, Assert.Single(h.Events.Ended).StopReason);
    }

    [Fact]
    public void CertificateExpiringDuringASession_StopsItAtTheExpiryInstant_WithAReason()
    {
        // W004's certificate ends 2 h after base time; the permit runs 4 h.
        var h = new WeldingHarness();
        Assert.Equal(WeldingReason.None, h.Push(WeldingHarness.PermitJson(welders: "\"W004\"")));
        h.Run(61_000);
        h.Cards.Tap("CARD-4");
        h.Station.Step();
        Assert.True(h.Enable.Energised);
        Assert.True(h.Events.Has("warning certificate_near_expiry"));
        h.Run(2 * 60 * Minute - 62_000);
        Assert.True(h.Enable.Energised);
        h.Run(2000);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.CertificateExpired, Assert.Single(h.Events.Ended).StopReason);
        Assert.True(h.Events.Has("warning certificate_expired"));
    }

    [Fact]
    public void CertificateExpiry_IsNotExtendedByAClockSetBack()
    {
        var h = new WeldingHarness();
        Assert.Equal(WeldingReason.None, h.Push(WeldingHarness.PermitJson(welders: "\"W004\"")));
        h.Run(61_000);
        h.Cards.Tap("CARD-4");
        h.Station.Step();
        h.Clock.UtcMs -= 60 * Minute;
        h.Run(2 * 60 * Minute);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.CertificateExpired, Assert.Single(h.Events.Ended).StopReason);
    }
}
