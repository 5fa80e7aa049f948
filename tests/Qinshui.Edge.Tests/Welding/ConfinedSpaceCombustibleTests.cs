using System.Text;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Welding;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Welding;

/// <summary>
/// Issue 13 #1: confined-space entry judges combustible gas by GB 30871-2022 (≤ 0.5 %vol where
/// the LEL ≥ 4 %, i.e. ≤ 10 %LEL for CH4; ≤ 0.2 %vol where the LEL &lt; 4 %).
/// </summary>
public class ConfinedSpaceCombustibleTests
{
    private sealed class Space
    {
        public FakeClock Clock { get; } = new(startUtcMs: 1_790_000_000_000);
        public FakeCardReader Cards { get; } = new();
        public RecordingWeldingEvents Events { get; } = new();
        public AlarmEngine Alarms { get; }
        public PermitBook Permits { get; }
        public ConfinedSpaceGuard Guard { get; }
        private long _counter;

        public Space(string gas = "CH4", bool monitored = true)
        {
            var lel = ChannelConfig.FromProfile("ex", ProfileCatalog.Find("PLANT_COMBUSTIBLE")!);
            lel.Gas = gas;
            Alarms = new AlarmEngine(new[] { ChannelConfig.FromProfile("o2", ProfileCatalog.Find("PLANT_O2")!), lel }, 64);
            long now = Clock.UtcMs;
            var registry = new WeldingRegistry(new[]
            {
                new WelderRecord("A01", "CARD-A", "赵监护", "—", now + 365 * WeldingHarness.Day),
                new WelderRecord("E01", "CARD-E", "钱进入", "—", now + 365 * WeldingHarness.Day),
            }, Array.Empty<MachineRecord>());
            Permits = new PermitBook(4, "gw-01", WeldingHarness.Key, new[] { "tank-3" }, 0);
            if (monitored) Permits.SetCombustibleMonitoredZones(new[] { "tank-3" });
            Guard = new ConfinedSpaceGuard("tank-3", 0, Array.Empty<int>(), new[] { 1 }, Cards, registry, Permits, Alarms, Clock, Events);
        }

        public WeldingReason Push(string extra)
        {
            long now = Clock.UtcMs;
            string permit = "{\"permitId\":\"CS-7\",\"kind\":\"confined_space\",\"zone\":\"tank-3\",\"entrants\":[\"E01\"],\"attendant\":\"A01\"," +
                            "\"validFromUtcMs\":" + (now - 1000) + ",\"validToUtcMs\":" + (now + 3_600_000) + extra + "}";
            var env = SignedEnvelope.Sign("permit", Encoding.UTF8.GetBytes(permit), "gw-01", ++_counter, now, WeldingHarness.Key);
            return Permits.Apply(env, 0, env.Length, now, Clock.MonotonicMs, true);
        }

        public void Air(double lelPercent)
        {
            Clock.Advance(1000);
            Alarms.Update(0, new Reading(20.9, Unit.PercentVolume, Quality.Good, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
            Alarms.Update(1, new Reading(lelPercent, Unit.PercentLel, Quality.Good, Clock.MonotonicMs, Clock.UtcMs), Clock.MonotonicMs);
            Guard.Step();
        }
    }

    [Fact]
    public void MethaneAbove10PercentLel_RefusesEntry()
    {
        var s = new Space();
        Assert.Equal(WeldingReason.None, s.Push(",\"combustibleGas\":\"CH4\""));
        s.Cards.Tap("CARD-A");
        s.Air(11); // 0.55 %vol CH4: above 0.5 %vol, below the 25 %LEL plant alarm
        Assert.False(s.Guard.IsAuthorised);
        Assert.Equal(ConfinedSpaceFault.CombustibleGas, s.Guard.Fault);
        s.Cards.Tap("CARD-E");
        s.Air(11);
        Assert.Equal(0, s.Guard.EntrantsInside);
        Assert.Equal(WeldingReason.ZoneNotPermissive, s.Events.LastRefusal);
        s.Air(9.9);
        Assert.True(s.Guard.IsAuthorised);
    }

    [Fact]
    public void ARiseWithPeopleInside_RevokesAuthorisation_AndWarnsToEvacuate()
    {
        var s = new Space();
        Assert.Equal(WeldingReason.None, s.Push(",\"combustibleGas\":\"CH4\""));
        s.Cards.Tap("CARD-A");
        s.Air(4);
        s.Cards.Tap("CARD-E");
        s.Air(4);
        Assert.Equal(1, s.Guard.EntrantsInside);
        s.Air(10.4);
        Assert.False(s.Guard.IsAuthorised);
        Assert.Equal(ConfinedSpaceFault.CombustibleGas, s.Guard.Fault);
        Assert.True(s.Events.Has("warning abnormal_operation"));
    }

    [Fact]
    public void WithoutANamedGas_TheChannelsOwnGasSetsTheLimit_PropaneAt02PercentVolume()
    {
        var s = new Space(gas: "C3H8"); // LEL 2.1 %vol: 0.2 %vol ≈ 9.5 %LEL
        Assert.Equal(WeldingReason.None, s.Push(""));
        s.Cards.Tap("CARD-A");
        s.Air(9);
        Assert.True(s.Guard.IsAuthorised);
        s.Air(10);
        Assert.Equal(ConfinedSpaceFault.CombustibleGas, s.Guard.Fault);
    }

    [Fact]
    public void APermitNamingACombustibleGas_ForASpaceWithoutACombustibleChannel_IsRefused()
    {
        var s = new Space(monitored: false);
        Assert.Equal(WeldingReason.PermitCombustibleUnmonitored, s.Push(",\"combustibleGas\":\"CH4\""));
        Assert.Contains("combustibleChannels", WeldingReasonText.English(WeldingReason.PermitCombustibleUnmonitored));
        Assert.NotEqual("", WeldingReasonText.Chinese(WeldingReason.PermitCombustibleUnmonitored));
        Assert.Equal(WeldingReason.None, s.Push("")); // naming none is fine
    }

    [Fact]
    public void APermitLooserThanTheStandard_IsRefused_AndAStricterOneIsKept()
    {
        var s = new Space(gas: "C3H8");
        Assert.Equal(WeldingReason.PermitLooserThanStandard, s.Push(",\"combustibleGas\":\"C3H8\",\"combustibleLimitPercentVolume\":0.3"));
        Assert.Equal(WeldingReason.None, s.Push(",\"combustibleGas\":\"C3H8\",\"combustibleLimitPercentVolume\":0.1"));
    }

    [Fact]
    public void TheRule_FollowsTheGasLel()
    {
        Assert.Equal(0.5, ConfinedSpaceGasRule.LimitPercentVolume(GasTable.Find("CH4")));
        Assert.Equal(0.5, ConfinedSpaceGasRule.LimitPercentVolume(GasTable.Find("H2")));
        Assert.Equal(0.2, ConfinedSpaceGasRule.LimitPercentVolume(GasTable.Find("C3H8")));
        Assert.Equal(0.2, ConfinedSpaceGasRule.LimitPercentVolume(null!));
        Assert.Contains("GB 30871-2022", ConfinedSpaceGasRule.Source);
    }
}
