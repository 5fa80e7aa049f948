using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Tests.Boards;

public class LoopCurrentTests
{
    [Theory]
    [InlineData(3.5, Quality.SensorFault)]
    [InlineData(3.6, Quality.SensorFault)]
    [InlineData(3.7, Quality.OutOfRange)]
    [InlineData(3.8, Quality.Good)]
    [InlineData(12.0, Quality.Good)]
    [InlineData(20.5, Quality.Good)]
    [InlineData(20.8, Quality.OutOfRange)]
    [InlineData(21.0, Quality.SensorFault)]
    [InlineData(0.0, Quality.SensorFault)]
    [InlineData(double.NaN, Quality.SensorFault)]
    public void Classify_FollowsNamurNe43(double mA, Quality expected)
    {
        Assert.Equal(expected, LoopCurrent.Classify(mA));
    }

    [Fact]
    public void MilliampsFromCounts_ConvertsThroughTheShunt()
    {
        // 2000 mV over 100 ohm = 20 mA; 4095 counts = 3100 mV full scale.
        double mA = LoopCurrent.MilliampsFromCounts(2642, 4095, 3100, 100);
        Assert.InRange(mA, 19.99, 20.01);
    }

    [Fact]
    public void ToEngineering_ScalesTheSpan()
    {
        Assert.Equal(0.0, LoopCurrent.ToEngineering(4, 0, 4));
        Assert.Equal(2.0, LoopCurrent.ToEngineering(12, 0, 4));
        Assert.Equal(4.0, LoopCurrent.ToEngineering(20, 0, 4));
    }

    [Theory]
    [InlineData(3.85, 0.0)]
    [InlineData(3.99, 0.0)]
    [InlineData(20.2, 4.0)]
    [InlineData(20.5, 4.0)]
    public void ToEngineering_ReadsTheNe43MeasuringBandOutsideTheSpan_AsTheRangeEnd(double mA, double expected)
    {
        Assert.Equal(Qinshui.Edge.Core.Domain.Quality.Good, LoopCurrent.Classify(mA));
        Assert.Equal(expected, LoopCurrent.ToEngineering(mA, 0, 4));
    }

    [Fact]
    public void ToEngineering_LeavesFailureCurrentsUnclamped_ForTheClassifierToReject()
    {
        Assert.True(LoopCurrent.ToEngineering(2.0, 0, 4) < 0);
        Assert.True(LoopCurrent.ToEngineering(22.0, 0, 4) > 4);
    }
}
