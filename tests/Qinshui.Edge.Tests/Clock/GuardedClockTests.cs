using Qinshui.Edge.Core.Clock;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Clock;

/// <summary>Issue 13 #3: a backward jump is untrusted until confirmed; forward jumps keep trust.</summary>
public class GuardedClockTests
{
    private const long Hour = 3_600_000;

    private sealed class SettableClock(FakeClock clock) : IClockAdjuster
    {
        public int Sets { get; private set; }

        public bool TrySetUtc(long utcMs)
        {
            Sets++;
            clock.UtcMs = utcMs;
            clock.IsTrusted = true; // the port counts every set as a sync (the old device behaviour)
            return true;
        }
    }

    [Fact]
    public void SetBackByMoreThan30s_WhileTrusted_IsUntrustedUntilConfirmed()
    {
        var fake = new FakeClock();
        var g = new GuardedClock(fake, new SettableClock(fake));
        Assert.True(g.IsTrusted);
        fake.UtcMs -= Hour;
        Assert.False(g.IsTrusted);
        Assert.True(g.AwaitingConfirmation);
        Assert.Equal(-Hour, g.LastJumpMs);
        fake.Advance(60_000);
        Assert.False(g.IsTrusted); // time passing does not confirm it
        Assert.True(g.TrySetUtc(fake.UtcMs + 2000)); // the platform states the same time again
        Assert.True(g.IsTrusted);
        Assert.Equal(1, g.ConfirmationCount);
    }

    [Fact]
    public void SetTimeThatStepsBack_DoesNotConfirmItself()
    {
        var fake = new FakeClock();
        var g = new GuardedClock(fake, new SettableClock(fake));
        Assert.True(g.TrySetUtc(fake.UtcMs - 2 * Hour));
        Assert.False(g.IsTrusted);
        Assert.True(g.TrySetUtc(fake.UtcMs));
        Assert.True(g.IsTrusted);
    }

    [Fact]
    public void SmallCorrections_AndForwardJumps_KeepTrust()
    {
        var fake = new FakeClock();
        var g = new GuardedClock(fake, null);
        Assert.True(g.IsTrusted);
        fake.UtcMs -= 29_000;
        Assert.True(g.IsTrusted);
        fake.UtcMs += 2 * Hour;
        Assert.True(g.IsTrusted);
        Assert.Equal(1, g.JumpCount);
        Assert.Equal(0, g.BackwardJumpCount);
    }

    [Fact]
    public void SetBackOfAnUntrustedClock_NeedsNoConfirmation()
    {
        var fake = new FakeClock(trusted: false);
        var g = new GuardedClock(fake, null);
        Assert.False(g.IsTrusted);
        fake.UtcMs -= Hour; // the first sync after boot
        fake.IsTrusted = true;
        Assert.True(g.IsTrusted);
    }

    [Fact]
    public void WithoutAnAdjuster_OnlyAnAgreeingTimeIsAccepted()
    {
        var fake = new FakeClock();
        var g = new GuardedClock(fake, null);
        Assert.True(g.IsTrusted);
        fake.UtcMs -= Hour;
        Assert.False(g.TrySetUtc(fake.UtcMs + Hour));
        Assert.False(g.IsTrusted);
        Assert.True(g.TrySetUtc(fake.UtcMs));
        Assert.True(g.IsTrusted);
    }
}

public class GuardedClockConfirmationTests
{
    private const long Hour = 3_600_000;

    [Fact]
    public void AfterASetBack_SettingTheTrueTimeForward_ConfirmsTheClock()
    {
        var fake = new FakeClock();
        var adjuster = new ForwardingAdjuster(fake);
        var g = new GuardedClock(fake, adjuster);
        Assert.True(g.IsTrusted);
        long trueTime = fake.UtcMs;
        fake.UtcMs -= 2 * Hour;
        Assert.False(g.IsTrusted);
        Assert.True(g.TrySetUtc(trueTime));
        Assert.True(g.IsTrusted);
        Assert.False(g.TrySetUtc(0)); // the port refuses: nothing changes
        Assert.True(g.IsTrusted);
    }

    private sealed class ForwardingAdjuster(FakeClock clock) : Qinshui.Edge.Core.Ports.IClockAdjuster
    {
        public bool TrySetUtc(long utcMs)
        {
            if (utcMs <= 0) return false;
            clock.UtcMs = utcMs;
            return true;
        }
    }
}
