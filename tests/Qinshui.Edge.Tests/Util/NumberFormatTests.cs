using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Tests.Util;

public class NumberFormatTests
{
    [Theory]
    [InlineData(0.0, 2, "0")]
    [InlineData(1.5, 4, "1.5")]
    [InlineData(-1.25, 2, "-1.25")]
    [InlineData(17.159, 2, "17.16")]
    [InlineData(0.004, 2, "0")]
    [InlineData(-0.004, 2, "0")]
    [InlineData(123456789.0, 3, "123456789")]
    [InlineData(double.NaN, 2, "null")]
    [InlineData(0.1 + 0.2, 6, "0.3")]
    public void FormatsInvariantlyWithTrimmedZeros(double value, int decimals, string expected)
    {
        Assert.Equal(expected, NumberFormat.Format(value, decimals));
    }

    [Fact]
    public void MatchesDotNetRoundTrip_ForRandomValues()
    {
        var rng = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            double v = Math.Round((rng.NextDouble() - 0.5) * 2e6, 3);
            string s = NumberFormat.Format(v, 3);
            Assert.Equal(v, double.Parse(s, System.Globalization.CultureInfo.InvariantCulture), 6);
        }
    }

    [Fact]
    public void WriteLong_HandlesExtremes()
    {
        var b = new byte[32];
        int n = NumberFormat.WriteLong(b, 0, long.MinValue);
        Assert.Equal(long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.ASCII.GetString(b, 0, n));
        n = NumberFormat.WriteLong(b, 0, long.MaxValue);
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Text.Encoding.ASCII.GetString(b, 0, n));
    }
}
