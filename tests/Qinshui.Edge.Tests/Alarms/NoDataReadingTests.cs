using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Tests.Alarms;

/// <summary>A reading that says it has no data is bad data: a fault, never the value 0 it carries.</summary>
public class NoDataReadingTests
{
    [Fact]
    public void AReadingFlaggedNoData_FaultsEveryLevel_InsteadOfCountingAsAGoodZero()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0, Quality.NoData);
        Assert.True(QualityRules.IsBad(h.Engine.EffectiveQuality(0)));
        Assert.Equal(LevelStatus.Fault, h.Status(0));
        Assert.True(h.Engine.IsTripping(0, LevelKind.Trip));
    }

    [Fact]
    public void AfterANoDataReading_TheFirstGoodReadingClearsTheFault()
    {
        var h = EngineHarness.ForProfile("MINE_CH4_FACE");
        h.Feed(0, Quality.NoData);
        h.Clock.Advance(1000);
        h.Feed(0.2);
        Assert.Equal(Quality.Good, h.Engine.EffectiveQuality(0));
        Assert.Equal(LevelStatus.Normal, h.Status(0));
    }
}
