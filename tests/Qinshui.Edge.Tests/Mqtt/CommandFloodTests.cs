using System.Text;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>Issue 15 #8: 20,000 junk commands must not crowd out 5 signed ones; drops are counted.</summary>
public class CommandFloodTests
{
    private const string Topic = "qinshui/v1/lab/gw-01/cmd";

    private static byte[] Signed(int i) => CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 100 + i, 1_790_000_060_000, id: "s-" + i));

    /// <summary>Junk of every kind an attacker can send without the key: garbage, a wrong MAC, an unsigned copy of a real command.</summary>
    private static byte[] Junk(int i, Random rng) => (i % 3) switch
    {
        0 => Encoding.UTF8.GetBytes("{\"junk\":" + i + "}"),
        1 => CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", i, 0), Encoding.ASCII.GetBytes("not-the-gateway-key")),
        _ => [.. Enumerable.Range(0, rng.Next(1, 300)).Select(_ => (byte)rng.Next(256))],
    };

    private static List<byte[]> Flood(CommandInbox inbox)
    {
        var rng = new Random(15);
        for (int i = 0; i < 20_000; i++)
        {
            inbox.Offer(Topic, Junk(i, rng));
            if (i % 4000 == 3999) inbox.Offer(Topic, Signed(i / 4000));
        }
        var taken = new List<byte[]>();
        while (inbox.TryTake(out var m)) taken.Add(m.Payload);
        return taken;
    }

    [Fact]
    public void WithTheReservedLane_AllFiveSignedCommandsGetThrough_AndTheDropsAreCounted()
    {
        var inbox = new CommandInbox(64, new CommandAuthenticator(CommandSigner.Key));
        var taken = Flood(inbox);
        var signed = Enumerable.Range(0, 5).Select(Signed).ToList();
        Assert.All(signed, s => Assert.Contains(taken, t => t.SequenceEqual(s)));
        Assert.Equal(signed.Count, taken.TakeWhile(t => signed.Any(s => s.SequenceEqual(t))).Count()); // and they come first
        Assert.Equal(0, inbox.SignedDropped);
        Assert.Equal(20_005, inbox.Offered);
        Assert.Equal(20_005 - taken.Count, inbox.Dropped);
        Assert.Equal(5 + 64, taken.Count);
    }

    [Fact]
    public void WithOneLane_AsBefore_TheFloodCrowdsTheSignedCommandsOut()
    {
        var inbox = new CommandInbox(64, null);
        var taken = Flood(inbox);
        int signedThrough = Enumerable.Range(0, 5).Select(Signed).Count(s => taken.Any(t => t.SequenceEqual(s)));
        Assert.True(signedThrough < 5);
    }

    [Fact]
    public void TheAuthenticator_AgreesWithTheCore_OnWhatIsSigned()
    {
        var auth = new CommandAuthenticator(CommandSigner.Key);
        Assert.True(auth.IsAuthentic(Signed(1)));
        byte[] tampered = Signed(1);
        tampered[20] ^= 1;
        Assert.False(auth.IsAuthentic(tampered));
        byte[] upper = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Signed(1)).ToUpperInvariant());
        Assert.False(auth.IsAuthentic(upper)); // the core accepts lowercase hex only
        Assert.False(auth.IsAuthentic(new byte[CommandProcessor.MaxCommandBytes + 1]));
        Assert.False(auth.IsAuthentic([]));
    }

    [Fact]
    public void HealthCarriesTheDropCount()
    {
        var w = new Qinshui.Edge.Core.Json.JsonWriter(new byte[2048]);
        new MessageWriter(new GatewayHarness().Identity).WriteHealth(w, 1, new HealthFigures { CommandsDropped = 19_936 }, null!, 0, 0, 0, 0, 0, true, 1_790_000_000_000);
        Assert.Contains("\"commands_dropped\":19936", Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
    }
}
