namespace Qinshui.Edge.Tests.Interlocks;

public class DescribeTests
{
    [Fact]
    public void EffectiveConfiguration_ListsConditionsLimitsAndStandards()
    {
        var h = new ZoneHarness();
        var text = string.Join("\n", h.Engine.Describe());
        Assert.Contains("zone bay \"Welding bay 1\"", text);
        Assert.Contains("output relay1: energised = permit; feedback fb1 must follow within 500 ms", text);
        Assert.Contains("bypass if arc >= 5 A while off", text);
        Assert.Contains("trip >= 1.5 %vol (restore < 1) latching [MINE_CH4_FACE: AQ 1029-2019", text);
        Assert.Contains("zone limit: ch4 < 0.5 %vol [煤矿安全规程 hot work", text);
        Assert.Contains("monitoring: NVR input nvr online and heartbeat within 10000 ms", text);
        Assert.Contains("dust collector: dP dp in 300–1500 Pa; hopper hopper < 70 degC; airlock fault input airlock [GB 15577-2018", text);
        Assert.Contains("wet collector: level level >= 200 mm; flow flow >= 5 m3/h", text);
        Assert.Contains("platform link: NOT supervised", text);
        Assert.Contains("restore: every cause clear for 60000 ms, then a reset; remote reset not allowed", text);
        Assert.Contains("proof test: every 15 days, cut confirmed by feedback within 2000 ms", text);
        Assert.Contains("work authorisation: required", text);
        Assert.Contains("emergency stop: estop", text);
    }
}
