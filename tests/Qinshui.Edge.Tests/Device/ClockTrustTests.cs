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

/// <summary>Issue 13 #3 on the device: a set-back is not a trusted sync.</summary>
public class ClockTrustSetBackTests
{
    private const long Day = 24L * 3600 * 1000;
    private const long Jan2027 = 1798761600000L;

    [Fact]
    public void ASyncThatStepsBack_WhileTrusted_LeavesTheClockUntrusted_UntilALaterSyncAgrees()
    {
        var t = new ClockTrust(Day);
        t.Synchronised(Jan2027, 1000);
        Assert.True(t.IsTrusted(Jan2027 + 9000, 10_000));
        t.Synchronised(Jan2027 - 3_600_000 + 9000, 10_000); // set_time one hour back
        Assert.False(t.IsTrusted(Jan2027 - 3_600_000 + 9000, 10_000));
        Assert.True(t.AwaitingConfirmation);
        t.Synchronised(Jan2027 - 3_600_000 + 9000, 10_000); // the same sync seen again: no confirmation
        Assert.False(t.IsTrusted(Jan2027 - 3_600_000 + 9000, 10_000));
        t.Synchronised(Jan2027 - 3_600_000 + 69_000 + 5000, 70_000); // an hour's SNTP agrees (5 s drift)
        Assert.True(t.IsTrusted(Jan2027 - 3_600_000 + 74_000, 70_000));
    }

    [Fact]
    public void ARtcSetBackSeenByObserve_WhileTrusted_WithdrawsTrust()
    {
        var t = new ClockTrust(Day);
        t.Synchronised(Jan2027, 1000);
        t.Observe(Jan2027 - 600_000, 2000);
        Assert.False(t.IsTrusted(Jan2027 - 600_000, 2000));
    }

    [Fact]
    public void ASyncForward_StaysTrusted()
    {
        var t = new ClockTrust(Day);
        t.Synchronised(Jan2027, 1000);
        t.Synchronised(Jan2027 + 3_600_000, 2000);
        Assert.True(t.IsTrusted(Jan2027 + 3_600_000, 2000));
    }
}
