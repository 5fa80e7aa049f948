using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Tests.Modbus;

/// <summary>
/// Line utilisation on the computed line (virtual microsecond time, so the figures are exact and
/// deterministic, not timings of this machine): with a microsecond clock the master times the
/// 3.5-character silence exactly and reaches the line rate; on a millisecond clock port it rounds
/// the silence up, which costs most at high baud rates.
/// </summary>
public class LineModelUtilisationTests
{
    [Theory]
    [InlineData(9600)]
    [InlineData(115200)]
    public void MicrosecondClock_ReachesNinetyPercentOfTheLineRate(int baud)
    {
        var (_, _, ratio) = LineModel.Measure(baud, 10, 5, microsecondClock: true);
        Assert.True(ratio >= 0.9, $"ratio {ratio:F3} at {baud} baud");
    }

    [Fact]
    public void MillisecondClock_LosesAtHighBaud_ButNotAt9600()
    {
        var (_, _, at9600) = LineModel.Measure(9600, 10, 5);
        var (_, _, at115200) = LineModel.Measure(115200, 10, 5);
        Assert.True(at9600 >= 0.9, $"{at9600:F3}");
        Assert.True(at115200 < LineModel.Measure(115200, 10, 5, microsecondClock: true).Ratio);
    }
}
