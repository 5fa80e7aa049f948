using System.Device.Gpio;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes.Chips;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>Relays and contacts through System.Device.Gpio's GpioController over a GpioDriver (no gpiochip on this machine).</summary>
public sealed class GpioLinesTests
{
    [Fact]
    public void Output_OpensDrivenLow_AndFollowsWrites()
    {
        var driver = new FakeGpioDriver();
        using var lines = new GpioLines(driver);
        var relay = lines.Output(17);
        Assert.Contains("mode 17 Output Low", driver.Snapshot());
        Assert.DoesNotContain(driver.Snapshot(), l => l == "write 17 High");

        relay.Write(true);
        Assert.Equal(PinValue.High, driver.Level(17));
        relay.Write(false);
        Assert.Equal(PinValue.Low, driver.Level(17));
    }

    [Fact]
    public void Input_ReadsTheLineLevel_AndAFailedReadIsFalse()
    {
        var driver = new FakeGpioDriver();
        using var lines = new GpioLines(driver);
        var contact = lines.Input(27, pullUp: true);
        Assert.Contains("mode 27 InputPullUp", driver.Snapshot());

        driver.SetInput(27, true);
        Assert.True(contact.TryRead(out bool active));
        Assert.True(active);
        driver.SetInput(27, false);
        Assert.True(contact.TryRead(out active));
        Assert.False(active);

        driver.FailingLines.Add(27);
        Assert.False(contact.TryRead(out _));
    }

    [Fact]
    public void Dispose_DropsEveryOutput_BeforeClosingTheLines()
    {
        var driver = new FakeGpioDriver();
        var lines = new GpioLines(driver);
        lines.Output(17).Write(true);
        lines.Output(22).Write(true);

        lines.Dispose();

        var log = driver.Snapshot();
        foreach (int line in new[] { 17, 22 })
        {
            int low = Array.LastIndexOf(log, $"write {line} Low");
            int high = Array.LastIndexOf(log, $"write {line} High");
            int close = Array.IndexOf(log, $"close {line}");
            Assert.True(low > high, $"line {line} was not driven low after being energised: {string.Join(", ", log)}");
            Assert.True(close < 0 || low < close, $"line {line} was closed before it was driven low: {string.Join(", ", log)}");
        }
    }
}
