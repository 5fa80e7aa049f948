namespace Qinshui.Edge.Tests.Gateway;

/// <summary>Issue 15 #10: the health message's bus.* counters follow the bus (they were always 0).</summary>
public class HealthBusFiguresTests
{
    [Fact]
    public void BusRequestsAndTimeouts_AreCountedIntoHealth()
    {
        var f = new GatewayFixture();
        f.SetMethane(0.1);
        f.Run(5_000);
        long requests = f.Runtime.Health.BusRequests;
        Assert.True(requests >= 8, $"{requests} requests in 5 s of two devices polled every second");
        Assert.Equal(0, f.Runtime.Health.BusTimeouts);

        f.Gas.Online = false;
        f.Run(5_000);
        Assert.True(f.Runtime.Health.BusTimeouts >= 3, $"{f.Runtime.Health.BusTimeouts} timeouts with the gas transmitter silent for 5 s");
        Assert.True(f.Runtime.Health.BusRequests > requests);
        Assert.Equal(0, f.Runtime.Health.BusCrcErrors);
    }
}
