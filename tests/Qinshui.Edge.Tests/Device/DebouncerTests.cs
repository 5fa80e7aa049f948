using Qinshui.Edge.Core.Device;

namespace Qinshui.Edge.Tests.Device;

public class DebouncerTests
{
    [Fact]
    public void StateIsUnknownUntilStableForTheDebounceTime()
    {
        var d = new Debouncer(50);
        d.Sample(true, 0);
        Assert.False(d.IsKnown);
        d.Sample(true, 49);
        Assert.False(d.IsKnown);
        d.Sample(true, 50);
        Assert.True(d.IsKnown);
        Assert.True(d.State);
    }

    [Fact]
    public void ContactBounce_ShorterThanTheDebounceTime_IsIgnored()
    {
        var d = new Debouncer(20);
        d.Sample(false, 0);
        d.Sample(false, 20);
        Assert.False(d.State);
        d.Sample(true, 25);
        d.Sample(false, 30);
        d.Sample(true, 35);
        d.Sample(false, 40);
        Assert.False(d.State);
        d.Sample(true, 100);
        d.Sample(true, 119);
        Assert.False(d.State);
        d.Sample(true, 120);
        Assert.True(d.State);
    }
}
