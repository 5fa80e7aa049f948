using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 15 #4: only a command that passes every check consumes its counter; a counter too far ahead is refused.</summary>
public class CommandCounterTests
{
    private const long MaxSafeCounter = 9007199254740991L;
    private readonly GatewayHarness _g = new();

    private CommandResult Send(string cmd, string args, long ctr, long exp, GatewayHarness? g = null)
    {
        g ??= _g;
        byte[] p = CommandSigner.Sign(CommandSigner.Body(cmd, args, ctr, exp));
        var r = new CommandResult();
        g.Commands.Handle(p, p.Length, r);
        return r;
    }

    [Fact]
    public void AnExpiredCommandWithAHugeCounter_DoesNotLockOutATripAfterIt()
    {
        Assert.Equal(CommandReasons.Expired, Send("rebirth", "{}", CommandProcessor.MaxCounterStep, _g.Clock.UtcMs - 1).Code);
        Assert.Equal(CommandReasons.CounterTooFar, Send("rebirth", "{}", MaxSafeCounter, _g.Exp()).Code);
        Assert.Equal(0, _g.Commands.LastAcceptedCounter);
        var trip = Send("trip_zone", "{\"zone\":\"z1\"}", 2, _g.Exp());
        Assert.True(trip.Ok, trip.English);
        Assert.Equal(["trip:z1"], _g.Zones.Calls);
    }

    [Fact]
    public void ACommandWithAnExpiryTooFarAhead_DoesNotConsumeItsCounter()
    {
        Assert.Equal(CommandReasons.ExpiryTooFar, Send("rebirth", "{}", 50, _g.Clock.UtcMs + 3_600_000).Code);
        Assert.True(Send("rebirth", "{}", 49, _g.Exp()).Ok);
    }

    [Fact]
    public void WithAnUntrustedClock_ARefusedUnsafeCommandDoesNotConsumeItsCounter()
    {
        var g = new GatewayHarness(trusted: false);
        Assert.Equal(CommandReasons.ClockUntrusted, Send("inhibit", "{\"channel\":\"ch1\",\"duration_s\":60}", 90, 0, g).Code);
        Assert.True(Send("trip_zone", "{\"zone\":\"z1\"}", 80, 0, g).Ok);
    }

    [Fact]
    public void ASignedValidCommandFarAheadOfTheLastCounter_IsRefusedWithoutConsumingIt()
    {
        Assert.True(Send("rebirth", "{}", 10, _g.Exp()).Ok);
        var far = Send("trip_zone", "{\"zone\":\"z1\"}", 10 + CommandProcessor.MaxCounterStep + 1, _g.Exp());
        Assert.Equal(CommandReasons.CounterTooFar, far.Code);
        Assert.Contains("2^42", far.English);
        Assert.Empty(_g.Zones.Calls);
        Assert.Equal(10, _g.Commands.LastAcceptedCounter);
        Assert.True(Send("trip_zone", "{\"zone\":\"z1\"}", 10 + CommandProcessor.MaxCounterStep, _g.Exp()).Ok);
    }

    [Fact]
    public void AUtcMillisecondCounter_IsAcceptedOnAFreshGateway()
    {
        Assert.True(Send("rebirth", "{}", 1_795_000_000_000, _g.Exp()).Ok);
    }

    [Fact]
    public void AnAuthenticatedCommandRefusedByItsHandler_StillConsumesItsCounter()
    {
        Assert.Equal(CommandReasons.UnknownZone, Send("trip_zone", "{\"zone\":\"nope\"}", 5, _g.Exp()).Code);
        Assert.Equal(5, _g.Commands.LastAcceptedCounter);
        Assert.Equal(CommandReasons.Replayed, Send("trip_zone", "{\"zone\":\"nope\"}", 5, _g.Exp()).Code);
    }
}
