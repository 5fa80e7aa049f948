using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Welding;

public class PermitBookTests
{
    [Fact]
    public void ForgedPermit_IsRefused()
    {
        var h = new WeldingHarness();
        Assert.Equal(WeldingReason.PermitForged, h.Push(h.Envelope(WeldingHarness.PermitJson(), key: new byte[32])));
        Assert.Null(h.Permits.FindValid(WeldingHarness.Zone, PermitKind.HotWork, h.Clock.UtcMs, h.Clock.MonotonicMs));
    }

    [Fact]
    public void ReplayedPermit_IsRefused()
    {
        var h = new WeldingHarness();
        var env = h.Envelope(WeldingHarness.PermitJson());
        Assert.Equal(WeldingReason.None, h.Push(env));
        Assert.Equal(WeldingReason.PermitReplayed, h.Push(env));
    }

    [Fact]
    public void ExpiredForeignWrongGatewayOrLooserPermits_AreRefused()
    {
        var h = new WeldingHarness();
        long now = h.Clock.UtcMs;
        Assert.Equal(WeldingReason.PermitAlreadyExpired, h.Push(WeldingHarness.PermitJson(from: now - 100 * WeldingHarness.Minute, to: now - WeldingHarness.Minute)));
        Assert.Equal(WeldingReason.PermitForeignZone, h.Push(WeldingHarness.PermitJson(zone: "somewhere-else")));
        Assert.Equal(WeldingReason.PermitWrongGateway, h.Push(h.Envelope(WeldingHarness.PermitJson(), gateway: "gw-02")));
        Assert.Equal(WeldingReason.PermitLooserThanStandard, h.Push(WeldingHarness.PermitJson(extra: ",\"combustibleLimitPercentVolume\":0.8")));
        Assert.Equal(WeldingReason.PermitMalformed, h.Push("{\"permitId\":\"x\"}"));
    }

    [Fact]
    public void PlantPermit_TakesGb30871LimitByLel()
    {
        var h = new WeldingHarness();
        string propane = WeldingHarness.PermitJson().Replace("\"combustibleGas\":\"CH4\",\"mine\":true", "\"combustibleGas\":\"C3H8\"");
        Assert.Equal(WeldingReason.None, h.Push(propane));
        Assert.Equal(0.2, h.Permits.FindValid(WeldingHarness.Zone, PermitKind.HotWork, h.Clock.UtcMs, h.Clock.MonotonicMs)!.CombustibleLimitPercentVolume);
        string methane = WeldingHarness.PermitJson(id: "HW-2").Replace(",\"mine\":true", "");
        Assert.Equal(WeldingReason.None, h.Push(methane));
        Assert.True(h.Permits.Holds("HW-2"));
    }

    [Fact]
    public void UntrustedClock_StoresThePermit_ButStartsAreRefused()
    {
        var h = new WeldingHarness();
        h.Clock.IsTrusted = false;
        Assert.Equal(WeldingReason.None, h.Push(WeldingHarness.PermitJson()));
        h.Run(61_000);
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        Assert.Equal(WeldingReason.ClockUntrusted, h.Events.LastRefusal);
    }
}
