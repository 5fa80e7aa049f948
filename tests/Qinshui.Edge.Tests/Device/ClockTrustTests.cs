using Qinshui.Edge.Core.Device;

namespace Qinshui.Edge.Tests.Device;

public class ClockTrustTests
{
    private const long Day = 24L * 3600 * 1000;
    private const long Jan2027 = 1798761600000L;

    [Fact]
    public void APlausibleRtcTimeAtBoot_IsNotTrustedWithoutASync()
    {
        var t = new ClockTrust(Day);
        t.Observe(Jan2027, 1000);
        Assert.False(t.IsTrusted(Jan2027, 1000));
    }

    [Fact]
    public void AfterSync_TrustedUntilTheHoldTimeRunsOut()
    {
        var t = new ClockTrust(Day);
        t.Synchronised(Jan2027, 1000);
        Assert.True(t.IsTrusted(Jan2027 + Day, 1000 + Day));
        Assert.False(t.IsTrusted(Jan2027 + Day + 1, 1001 + Day));
    }

    [Fact]
    public void ASyncToA1970Clock_IsIgnored()
    {
        var t = new ClockTrust(Day);
        t.Synchronised(5000, 1000);
        Assert.False(t.IsTrusted(5000, 1000));
    }

    [Fact]
    public void StepsOver30Seconds_AreCountedAsJumps()
    {
        var t = new ClockTrust(Day);
        t.Observe(Jan2027, 0);
        t.Observe(Jan2027 + 10_000 + 29_000, 10_000);
        Assert.Equal(0, t.JumpCount);
        t.Synchronised(Jan2027 + 20_000 + 29_000 + 31_000, 20_000);
        Assert.Equal(1, t.JumpCount);
        Assert.Equal(31_000, t.LastJumpMs);
    }
}
