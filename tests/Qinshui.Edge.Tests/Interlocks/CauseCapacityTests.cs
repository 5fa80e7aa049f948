using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>
/// The engine sizes each zone's cause slots from what is wired to it; when everything the
/// zone depends on fails at once, every cause is still listed (none dropped for want of room).
/// </summary>
public class CauseCapacityTests
{
    [Fact]
    public void EverythingFailingAtOnce_EveryCauseIsListed()
    {
        var h = new ZoneHarness();
        h.BringUp();
        // Every channel of the bay (ch4, the collector's four, relay1's arc current): bad data,
        // inhibited and calibration overdue, then no data until it is stale too.
        int[] channels = { ZoneHarness.Ch4, ZoneHarness.Dp, ZoneHarness.Hopper, ZoneHarness.Level, ZoneHarness.Flow, ZoneHarness.Arc };
        foreach (int c in channels)
        {
            h.Qualities[c] = Qualities.BadAndOverdue;
            h.Alarms.Inhibit(c, h.Now + 3_600_000, h.Now);
        }
        h.Scan();
        foreach (int c in channels) h.Feeding[c] = false;
        h.Heartbeats = false;
        h.LinkAlive = false;
        h.Authorisation.Authorised = false;
        foreach (var input in new[] { h.Nvr, h.EStop, h.Enclosure, h.Airlock, h.Presence, h.LoadSense }) input.Readable = false;
        h.Relay1.Feedback.Readable = false;
        h.Relay2.Feedback.Readable = false;
        h.Run(40_000);

        // 6 channels × 4 (fault, stale, inhibited, calibration overdue); 8 unreadable inputs (the
        // airlock, NVR, presence, E-stop, enclosure, both feedbacks, the current relay); the
        // heartbeat, the platform link, the work authorisation.
        var st = h.Engine.State(0);
        var kinds = Enumerable.Range(0, st.LiveCount).Select(i => h.Engine.CauseKind(0, i)).ToList();
        Assert.Equal(6, kinds.Count(k => k == ConditionKind.ChannelFault));
        Assert.Equal(6, kinds.Count(k => k == ConditionKind.ChannelStale));
        Assert.Equal(6, kinds.Count(k => k == ConditionKind.ChannelInhibited));
        Assert.Equal(6, kinds.Count(k => k == ConditionKind.CalibrationOverdue));
        Assert.Equal(8, kinds.Count(k => k == ConditionKind.InputUnreadable));
        Assert.Contains(ConditionKind.MonitoringLost, kinds);
        Assert.Contains(ConditionKind.PlatformLinkLost, kinds);
        Assert.Contains(ConditionKind.WorkNotAuthorised, kinds);
        Assert.Equal(35, st.LiveCount);
        // Every kind that trips is among the listed causes.
        for (int k = 0; k < Conditions.Count; k++)
        {
            if ((st.LiveMask & (1 << k)) != 0) Assert.Contains((ConditionKind)k, kinds);
        }
    }

    private static class Qualities
    {
        public const Quality BadAndOverdue = Quality.CommunicationFault | Quality.CalibrationOverdue;
    }
}
