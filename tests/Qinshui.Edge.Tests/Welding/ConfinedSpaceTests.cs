using System.Text;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Welding;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Welding;

public class ConfinedSpaceTests
{
    private sealed class Space
    {
        public FakeClock Clock { get; } = new(startUtcMs: 1_790_000_000_000);
        public FakeCardReader Cards { get; } = new();
        public RecordingWeldingEvents Events { get; } = new();
        public AlarmEngine Alarms { get; }
        public PermitBook Permits { get; }
        public ConfinedSpaceGuard Guard { get; }

        public Space(bool enriched = false)
        {
            Alarms = new AlarmEngine(new[]
            {
                ChannelConfig.FromProfile("o2", ProfileCatalog.Find("PLANT_O2")!),
                ChannelConfig.FromProfile("h2s", ProfileCatalog.Find("PLANT_H2S")!),
            }, 64);
            long now = Clock.UtcMs;
            var registry = new WeldingRegistry(new[]
            {
                new WelderRecord("A01", "CARD-A", "赵监护", "—", now + 365 * WeldingHarness.Day),
                new WelderRecord("E01", "CARD-E", "钱进入", "—", now + 365 * WeldingHarness.Day),
                new WelderRecord("X01", "CARD-X", "孙无关", "—", now + 365 * WeldingHarness.Day),
            }, Array.Empty<MachineRecord>());
            Permits = new PermitBook(4, "gw-01", WeldingHarness.Key, new[] { "tank-3" }, 0);
            string permit = "{\"permitId\":\"CS-7\",\"kind\":\"confined_space\",\"zone\":\"tank-3\",\"entrants\":[\"E01\"],\"attendant\":\"A01\"," +
                            "\"validFromUtcMs\":" + (now - 1000) + ",\"validToUtcMs\":" + (now + 3_600_000) + (enriched ? ",\"oxygenEnriched\":true" : "") + "}";
            var env = SignedEnvelope.Sign("permit", Encoding.UTF8.GetBytes(permit), "gw-01", 1, now, WeldingHarness.Key);
            Assert.Equal(WeldingReason.None, Permits.Apply(env, 0, env.Length, now, true));
            Guard = new ConfinedSpaceGuard("tank-3", 0, new[] { 1 }, Cards, registry, Permits, Alarms, Clock, Events);
        }

        public void Air(double o2, double h2s = 0)
        {
            Clock.Advance(1000);
            Alarms.Update(0, new Reading(o2, Unit.PercentVolume, Quality.Good, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
            Alarms.Update(1, new Reading(h2s, Unit.Ppm, Quality.Good, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
            Guard.Step();
        }
    }

    [Fact]
    public void Entry_NeedsTheAttendant_ThenOxygenDriftingLow_RevokesAuthorisation_AndWarnsToEvacuate()
    {
        var s = new Space();
        s.Air(20.9);
        Assert.False(s.Guard.IsAuthorised);
        Assert.Equal(ConfinedSpaceFault.NoAttendant, s.Guard.Fault);
        s.Cards.Tap("CARD-A");
        s.Air(20.9);
        Assert.True(s.Guard.IsAuthorised);
        s.Cards.Tap("CARD-E");
        s.Air(20.9);
        Assert.Equal(1, s.Guard.EntrantsInside);
        for (double o2 = 20.9; o2 >= 19.5; o2 -= 0.1) s.Air(o2);
        Assert.True(s.Guard.IsAuthorised);
        s.Air(19.49);
        Assert.False(s.Guard.IsAuthorised);
        Assert.Equal(ConfinedSpaceFault.OxygenLow, s.Guard.Fault);
        Assert.True(s.Events.Has("warning abnormal_operation"));
    }

    [Theory]
    [InlineData(false, 21.1, false)]
    [InlineData(true, 21.1, true)]
    [InlineData(true, 23.6, false)]
    public void OxygenHigh_LimitDependsOnEnrichment(bool enriched, double o2, bool authorised)
    {
        var s = new Space(enriched);
        s.Cards.Tap("CARD-A");
        s.Air(o2);
        Assert.Equal(authorised, s.Guard.IsAuthorised);
    }

    [Fact]
    public void ToxicGasAtItsAlarmLevel_RevokesAuthorisation()
    {
        var s = new Space();
        s.Cards.Tap("CARD-A");
        s.Air(20.9, 2);
        Assert.True(s.Guard.IsAuthorised);
        s.Air(20.9, 7.1); // PLANT_H2S level 1 = 7.05 ppm
        Assert.Equal(ConfinedSpaceFault.ToxicGas, s.Guard.Fault);
    }

    [Fact]
    public void PeopleNotOnThePermit_AreRefused_AndTheAttendantCannotLeaveWhileSomeoneIsInside()
    {
        var s = new Space();
        s.Cards.Tap("CARD-A");
        s.Air(20.9);
        s.Cards.Tap("CARD-X");
        s.Air(20.9);
        Assert.Equal(WeldingReason.WelderNotOnPermit, s.Events.LastRefusal);
        s.Cards.Tap("CARD-E");
        s.Air(20.9);
        s.Cards.Tap("CARD-A");
        s.Air(20.9);
        Assert.True(s.Guard.AttendantPresent);
        s.Cards.Tap("CARD-E"); // out
        s.Air(20.9);
        s.Cards.Tap("CARD-A");
        s.Air(20.9);
        Assert.False(s.Guard.AttendantPresent);
    }
}
