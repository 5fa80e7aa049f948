using System.Text;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

public class CommandTests
{
    private readonly GatewayHarness _g = new();
    private long _ctr = 1;

    private CommandResult Send(string cmd, string args = "{}", long? exp = null, long? ctr = null, string gw = "gw-01")
    {
        byte[] p = CommandSigner.Sign(CommandSigner.Body(cmd, args, ctr ?? _ctr++, exp ?? _g.Exp(), gw));
        var r = new CommandResult();
        _g.Commands.Handle(p, p.Length, r);
        return r;
    }

    private CommandResult SendRaw(byte[] p)
    {
        var r = new CommandResult();
        _g.Commands.Handle(p, p.Length, r);
        return r;
    }

    [Fact]
    public void TripZone_IsAccepted_AndReachesTheZoneEngine()
    {
        var r = Send("trip_zone", "{\"zone\":\"z1\",\"reason\":\"platform\"}");
        Assert.True(r.Ok, r.English);
        Assert.Equal("c-1", r.Id);
        Assert.Equal(["trip:z1"], _g.Zones.Calls);
    }

    [Fact]
    public void ResetZone_WhereTheConfigForbidsIt_IsRefusedWithReason()
    {
        _g.Zones.AllowRemoteReset = false;
        var r = Send("reset_zone", "{\"zone\":\"z1\"}");
        Assert.False(r.Ok);
        Assert.Equal(CommandReasons.RemoteResetNotAllowed, r.Code);
        Assert.Contains("远程", r.Chinese);
    }

    [Fact]
    public void Inhibit_HasAnExpiry_AndIsBoundedByTheChannel()
    {
        var ok = Send("inhibit", "{\"channel\":\"ch1\",\"duration_s\":600}");
        Assert.True(ok.Ok, ok.English);
        Assert.True(_g.Engine.IsInhibited(0));
        _g.Clock.Advance(601_000);
        _g.Engine.Tick(_g.Clock.MonotonicMs);
        Assert.False(_g.Engine.IsInhibited(0));
        var tooLong = Send("inhibit", "{\"channel\":\"ch1\",\"duration_s\":604800}");
        Assert.Equal(CommandReasons.InhibitTooLong, tooLong.Code);
        Assert.Equal(CommandReasons.UnknownChannel, Send("inhibit", "{\"channel\":\"nope\",\"duration_s\":60}").Code);
        Assert.Equal(CommandReasons.BadArguments, Send("inhibit", "{\"channel\":\"ch1\"}").Code);
    }

    [Fact]
    public void SetTime_SetsTheClock_AndMakesItTrusted()
    {
        var g = new GatewayHarness(trusted: false);
        byte[] p = CommandSigner.Sign(CommandSigner.Body("set_time", "{\"utc_ms\":1795000000000}", 1, 0));
        var r = new CommandResult();
        g.Commands.Handle(p, p.Length, r);
        Assert.True(r.Ok, r.English);
        Assert.True(g.Clock.IsTrusted);
        Assert.Equal(1_795_000_000_000, g.Clock.UtcMs);
    }

    [Fact]
    public void Updates_AreRoutedToTheHandler_WhichMayRefuse()
    {
        Assert.True(Send("update_permits", "{\"permits\":[]}").Ok);
        Assert.True(Send("update_config", "{\"config\":{}}").Ok);
        var bad = Send("update_registry", "{\"bad\":1}");
        Assert.Equal("permit_invalid", bad.Code);
        Assert.Equal(["update_permits", "update_config"], _g.Updates.Applied);
    }

    [Fact]
    public void Rebirth_RequestsABirth()
    {
        Assert.True(Send("rebirth").Ok);
        Assert.True(_g.Commands.RebirthRequested);
    }

    [Fact]
    public void ATamperedCommand_IsRefusedAsUnauthenticated()
    {
        byte[] p = CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 1, _g.Exp()));
        p[30] ^= 0x01;
        Assert.Equal(CommandReasons.Unauthenticated, SendRaw(p).Code);
        byte[] other = CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 2, _g.Exp()), Encoding.ASCII.GetBytes("another gateway's key"));
        Assert.Equal(CommandReasons.Unauthenticated, SendRaw(other).Code);
        byte[] unsigned = Encoding.UTF8.GetBytes(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 3, _g.Exp()));
        Assert.Equal(CommandReasons.Unauthenticated, SendRaw(unsigned).Code);
        Assert.Empty(_g.Zones.Calls);
    }

    [Fact]
    public void AReplayedCommand_IsRefused()
    {
        byte[] p = CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 7, _g.Exp()));
        Assert.True(SendRaw(p).Ok);
        Assert.Equal(CommandReasons.Replayed, SendRaw(p).Code);
        Assert.Equal(CommandReasons.Replayed, Send("rebirth", ctr: 5).Code);
        Assert.Equal(7, _g.Commands.LastAcceptedCounter);
    }

    [Fact]
    public void ExpiredOrFarFutureCommands_AreRefused()
    {
        Assert.Equal(CommandReasons.Expired, Send("rebirth", exp: _g.Clock.UtcMs - 1).Code);
        Assert.Equal(CommandReasons.ExpiryTooFar, Send("rebirth", exp: _g.Clock.UtcMs + 3_600_000).Code);
    }

    [Fact]
    public void WithAnUntrustedClock_OnlySafeDirectionCommandsAreAccepted()
    {
        var g = new GatewayHarness(trusted: false);
        var r = new CommandResult();
        byte[] inhibit = CommandSigner.Sign(CommandSigner.Body("inhibit", "{\"channel\":\"ch1\",\"duration_s\":60}", 1, 0));
        g.Commands.Handle(inhibit, inhibit.Length, r);
        Assert.Equal(CommandReasons.ClockUntrusted, r.Code);
        byte[] trip = CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 2, 0));
        g.Commands.Handle(trip, trip.Length, r);
        Assert.True(r.Ok);
    }

    [Fact]
    public void ACommandForAnotherGateway_IsRefused()
    {
        Assert.Equal(CommandReasons.WrongGateway, Send("rebirth", gw: "gw-02").Code);
    }

    [Theory]
    [InlineData("energise")]
    [InlineData("force_output")]
    [InlineData("set_output")]
    [InlineData("bypass")]
    public void NoCommandCanForceAnOutputOn(string cmd)
    {
        var r = Send(cmd, "{\"output\":\"relay-1\",\"on\":true}");
        Assert.Equal(CommandReasons.UnknownCommand, r.Code);
        Assert.Empty(_g.Zones.Calls);
    }

    [Fact]
    public void AuthenticatedButMalformedEnvelopes_AreRefused()
    {
        Assert.Equal(CommandReasons.Malformed, SendRaw(CommandSigner.Sign("{\"v\":1,\"id\":\"x\",\"gw\":\"gw-01\",\"ctr\":1,\"exp\":1,\"cmd\":\"rebirth\",\"extra\":1}")).Code);
        Assert.Equal(CommandReasons.Malformed, SendRaw(CommandSigner.Sign("{\"v\":2,\"id\":\"x\",\"gw\":\"gw-01\",\"ctr\":1,\"exp\":1,\"cmd\":\"rebirth\"}")).Code);
        Assert.Equal(CommandReasons.Malformed, SendRaw(CommandSigner.Sign("{\"v\":1,\"id\":\"x\",\"gw\":\"gw-01\",\"ctr\":1.5,\"exp\":1,\"cmd\":\"rebirth\"}")).Code);
        Assert.Equal(CommandReasons.Malformed, SendRaw(CommandSigner.Sign("{\"v\":1,\"id\":\"x\",\"gw\":\"gw-01\",\"ctr\":1,\"exp\":1,\"cmd\":\"rebirth\",\"args\":[]}")).Code);
        Assert.Equal(CommandReasons.Malformed, SendRaw(CommandSigner.SignBytes(Encoding.UTF8.GetBytes("{\"v\":1,"))).Code);
    }

    [Fact]
    public void AnOversizedCommand_IsRefusedBeforeAnythingElse()
    {
        string pad = new string('x', 5000);
        Assert.Equal(CommandReasons.Oversized, Send("rebirth", "{\"pad\":\"" + pad + "\"}").Code);
    }

    [Fact]
    public void EveryReasonCode_HasEnglishAndChineseText()
    {
        for (int i = 0; i < CommandReasons.Count; i++)
        {
            string code = CommandReasons.CodeAt(i);
            Assert.False(string.IsNullOrWhiteSpace(CommandReasons.English(code)));
            Assert.Contains(CommandReasons.Chinese(code), c => c >= 0x4E00 && c <= 0x9FFF);
        }
    }
}
