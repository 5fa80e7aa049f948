using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Welding;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Gateway;

/// <summary>
/// Safety principle 1 (de-energise to trip): an exception anywhere in the scan drops every output,
/// the zones' permissives and the welding machines' enables alike, in the scan that threw.
/// </summary>
public class ScanExceptionTests
{
    /// <summary>The bay powered and the welder unlocked (permit, clean air, local reset, card), on a link that can be made to throw.</summary>
    private static GatewayFixture WeldingUnderWay(out ThrowingMqttLink link)
    {
        link = new ThrowingMqttLink(new FakeMqttLink { IsConnected = true, AutoAck = true });
        var f = new GatewayFixture(link: link);
        Assert.Equal(WeldingReason.None, f.PushPermit());
        f.SetMethane(0.10);
        f.Run(12_000);
        Assert.Equal(ZoneResetOutcome.Accepted, f.Runtime.Zones.RequestLocalReset(0));
        f.Reader.Tap("CARD-1");
        f.Run(1_000);
        return f;
    }

    [Fact]
    public void AnExceptionInTheScan_DropsEveryEnergisedOutput_InThatScan()
    {
        var f = WeldingUnderWay(out var link);
        Assert.True(f.BayPower.Energised);
        Assert.True(f.WelderEnable.Energised);
        long writesBefore = f.BayPower.Writes;

        link.Throw = true;
        f.Clock.Advance(10);
        f.Runtime.Scan(); // throws inside; the handler must catch it

        Assert.Equal(1, link.Throws);
        Assert.Equal(1, f.Runtime.Health.ScanOverruns);
        Assert.False(f.BayPower.Energised);
        Assert.False(f.WelderEnable.Energised);
        Assert.True(f.BayPower.Writes > writesBefore); // written off by the handler, not left as it was
    }

    [Fact]
    public void WhileTheScanKeepsThrowing_NothingComesBackOn()
    {
        var f = WeldingUnderWay(out var link);
        Assert.True(f.WelderEnable.Energised);

        link.Throw = true;
        for (int i = 0; i < 100; i++)
        {
            f.Clock.Advance(10);
            f.Runtime.Scan();
            Assert.False(f.BayPower.Energised);
            Assert.False(f.WelderEnable.Energised);
        }
        Assert.Equal(100, f.Runtime.Health.ScanOverruns);
    }
}
