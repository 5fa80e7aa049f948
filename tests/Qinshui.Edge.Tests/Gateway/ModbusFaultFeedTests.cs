using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Tests.Gateway;

/// <summary>
/// What the Modbus poller knows about a transmitter reaches the alarm engine in the scan that
/// learns it: a dead transmitter is a fault, not its last (or a zero) value until it turns stale.
/// </summary>
public class ModbusFaultFeedTests
{
    [Fact]
    public void TransmitterDeadFromBoot_ChannelIsNeverGood()
    {
        var f = new GatewayFixture();
        f.Gas.Online = false;
        for (int i = 0; i < 500; i++)
        {
            f.Clock.Advance(10);
            f.Runtime.Scan();
            Assert.True(QualityRules.IsBad(f.Runtime.Alarms.EffectiveQuality(0)), "scan " + i + ": " + f.Runtime.Alarms.EffectiveQuality(0));
            Assert.True(f.Runtime.Alarms.IsTripping(0, LevelKind.Trip));
        }
    }

    [Fact]
    public void TransmitterLost_CommunicationFaultReachesTheEngine_LongBeforeTheReadingIsStale()
    {
        var f = new GatewayFixture();
        f.SetMethane(0.2);
        f.Run(3000);
        Assert.Equal(Quality.Good, f.Runtime.Alarms.EffectiveQuality(0));
        f.Gas.Online = false;
        f.ScansUntil(() => (f.Runtime.Poller(0).ReadingOf(0).Quality & Quality.CommunicationFault) != 0);
        f.Run(10);
        Quality q = f.Runtime.Alarms.EffectiveQuality(0);
        Assert.True((q & Quality.CommunicationFault) != 0, q.ToString());
        Assert.Equal(LevelStatus.Fault, f.Runtime.Alarms.Status(0, 0));
        // Well inside the channel's maxAgeMs: it is the poller's verdict that faulted it, not age.
        Assert.True(f.Clock.MonotonicMs - f.Runtime.Alarms.LastMonotonicMs(0) < f.Runtime.Alarms.MaxAgeMs(0));
    }

    [Fact]
    public void TransmitterBack_AfterACommunicationFault_ChannelIsGoodAgain()
    {
        var f = new GatewayFixture();
        f.SetMethane(0.2);
        f.Run(3000);
        f.Gas.Online = false;
        f.ScansUntil(() => (f.Runtime.Alarms.EffectiveQuality(0) & Quality.CommunicationFault) != 0);
        f.Gas.Online = true;
        f.ScansUntil(() => f.Runtime.Alarms.EffectiveQuality(0) == Quality.Good, 10_000);
    }
}
