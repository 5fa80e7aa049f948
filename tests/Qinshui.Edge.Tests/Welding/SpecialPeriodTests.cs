using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Welding;

/// <summary>Issue 13 #11: GB 30871-2022 raises hot work one grade in a special period (节假日、夜间等).</summary>
public class SpecialPeriodTests
{
    private const long Minute = WeldingHarness.Minute;
    private const long Base = 1_790_000_000_000;

    private static string Grade2() => WeldingHarness.PermitJson().Replace("\"grade\":\"1\"", "\"grade\":\"2\"");

    [Fact]
    public void InASpecialPeriod_AGrade2Permit_IsRefused()
    {
        var h = new WeldingHarness(new[] { new SpecialPeriod("国庆", Base - WeldingHarness.Day, Base + WeldingHarness.Day) });
        Assert.Equal(WeldingReason.None, h.Push(Grade2()));
        h.Run(61_000);
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.PermitGradeBelowSpecialPeriod, h.Events.LastRefusal);
    }

    [Fact]
    public void APeriodStartingMidSession_StopsAGrade2Session_WithTheReason()
    {
        var h = new WeldingHarness(new[] { new SpecialPeriod("夜间", Base + 30 * Minute, Base + 10 * 60 * Minute) });
        Assert.Equal(WeldingReason.None, h.Push(Grade2()));
        h.Run(61_000);
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        Assert.True(h.Enable.Energised);
        h.Run(28 * Minute);
        Assert.True(h.Enable.Energised);
        h.Run(2 * Minute);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.PermitGradeBelowSpecialPeriod, Assert.Single(h.Events.Ended).StopReason);
    }

    [Fact]
    public void APeriodStartingMidSession_ReJudgesAGrade1Session_WithAnEvent_AndItRunsOn()
    {
        var h = new WeldingHarness(new[] { new SpecialPeriod("夜间", Base + 30 * Minute, Base + 10 * 60 * Minute) }).Ready();
        h.Cards.Tap("CARD-1");
        h.Station.Step();
        h.Run(30 * Minute);
        Assert.True(h.Enable.Energised);
        Assert.Equal(1, h.Events.Log.Count(l => l == "warning special_period_started"));
        h.Run(10 * Minute);
        Assert.Equal(1, h.Events.Log.Count(l => l == "warning special_period_started"));
    }

    [Theory]
    [InlineData("special", true)]
    [InlineData("1", true)]
    [InlineData("2", false)]
    [InlineData("", false)]
    public void GradeMeetsUpgrade(string grade, bool meets) => Assert.Equal(meets, SpecialPeriods.GradeMeetsUpgrade(grade));
}
