using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>Issue 13 #2: a frozen gas head drops its zone's permissive and only a reset after it moves brings it back.</summary>
public class StuckZoneTests
{
    [Fact]
    public void FrozenHead_DropsTheZone_AndTheZoneResetWorksOnlyAfterItMovesAgain()
    {
        var h = new ZoneHarness();
        h.BringUp();
        // BringUp fed constant values for a minute; 30 more minutes of the same reading freezes line2's methane head.
        h.Values[ZoneHarness.Ch4Line2] = 0.30;
        h.Run(31 * 60_000);
        Assert.False(h.Relay3.Energised);
        Assert.True(h.Engine.State(1).Has(ConditionKind.ChannelFault));
        Assert.NotEqual(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(1));
        h.Values[ZoneHarness.Ch4Line2] = 0.40; // the head moves again
        h.Run(65_000);
        Assert.False(h.Relay3.Energised); // still latched: someone must look
        Assert.True(h.Engine.State(1).Has(ConditionKind.ChannelTripLatched));
        Assert.Equal(ZoneResetOutcome.Accepted, h.Engine.RequestLocalReset(1));
        Assert.True(h.Relay3.Energised);
        Assert.False(h.Alarms.IsStuckAwaitingReset(ZoneHarness.Ch4Line2));
    }
}
