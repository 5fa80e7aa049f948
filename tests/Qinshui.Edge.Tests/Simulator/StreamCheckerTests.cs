using System.Text;
using Qinshui.Edge.Simulator.Platform;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>What qedge monitor flags: gaps, duplicates and payloads that break the message format.</summary>
public sealed class StreamCheckerTests
{
    private const string Topic = "qinshui/v1/site-1/gw-01/";

    private static byte[] Msg(long seq, string boot = "00000001", string extra = ",\"cfg\":\"ab\",\"r\":[]") =>
        Encoding.UTF8.GetBytes($"{{\"v\":1,\"boot\":\"{boot}\",\"seq\":{seq},\"ts\":1795852800000{extra}}}");

    [Fact]
    public void InOrderStream_RaisesNothing()
    {
        var c = new StreamChecker();
        for (int s = 1; s <= 5; s++) Assert.Empty(c.Check(Topic + "data", Msg(s), false, s * 1000));
        Assert.Empty(c.ExpireGaps(100_000));
    }

    [Fact]
    public void SameSequenceTwice_IsADuplicate()
    {
        var c = new StreamChecker();
        c.Check(Topic + "data", Msg(1), false, 0);
        var p = Assert.Single(c.Check(Topic + "data", Msg(1), false, 10));
        Assert.Equal("duplicate", p.Kind);
    }

    [Fact]
    public void MissingSequence_IsAGapOnlyAfterTheGrace_AndALateArrivalIsNot()
    {
        var c = new StreamChecker { GapGraceMs = 10_000 };
        c.Check(Topic + "data", Msg(1), false, 0);
        c.Check(Topic + "alarm", Msg(4, extra: ",\"channel\":\"ch4\",\"transition\":\"level_changed\""), false, 100); // priority lane overtakes data 2 and 3
        c.Check(Topic + "data", Msg(2), false, 200);
        Assert.Empty(c.ExpireGaps(5_000));
        var gap = Assert.Single(c.ExpireGaps(10_200));
        Assert.Equal("gap", gap.Kind);
        Assert.Contains("seq 3", gap.Detail);
    }

    [Fact]
    public void NewBoot_StartsItsOwnSequence()
    {
        var c = new StreamChecker();
        c.Check(Topic + "data", Msg(7), false, 0);
        Assert.Empty(c.Check(Topic + "data", Msg(1, boot: "00000002"), false, 10));
    }

    [Theory]
    [InlineData("data", "{\"v\":1,\"boot\":\"00000001\",\"seq\":1,\"ts\":1}", "required \"r\" missing (docs/schemas/data.json)")]
    [InlineData("data", "{\"v\":1,\"boot\":\"00000001\",\"seq\":1,\"ts\":1,\"cfg\":\"ab\",\"r\":[],\"extra\":1}", "unknown member \"extra\"")]
    [InlineData("data", "{\"v\":2,\"boot\":\"00000001\",\"seq\":1,\"ts\":1,\"cfg\":\"a\",\"r\":[]}", "\"v\" must be 1")]
    [InlineData("data", "{\"v\":1,\"boot\":1,\"seq\":1,\"ts\":1,\"cfg\":\"a\",\"r\":[]}", "8-hex boot id")]
    [InlineData("reply", "{\"v\":1,\"boot\":\"00000001\",\"seq\":0,\"ts\":1,\"id\":\"x\",\"cmd\":\"y\",\"ok\":true,\"code\":\"ok\"}", "positive integer")]
    [InlineData("event", "not json", "not JSON")]
    public void PayloadThatBreaksTheFormat_IsFlagged(string kind, string payload, string expected)
    {
        var c = new StreamChecker();
        var problems = c.Check(Topic + kind, Encoding.UTF8.GetBytes(payload), false, 0);
        Assert.Contains(problems, p => p.Kind == "schema" && p.Detail.Contains(expected));
    }

    [Fact]
    public void RetainedState_IsNotSequenceChecked()
    {
        var c = new StreamChecker();
        c.Check(Topic + "state", Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"00000001\",\"seq\":9,\"ts\":1,\"state\":\"online\"}"), true, 0);
        Assert.Empty(c.Check(Topic + "state", Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"00000001\",\"seq\":9,\"ts\":1,\"state\":\"online\"}"), true, 10));
    }

    private const string Chained = "{\"v\":1,\"boot\":3,\"bootId\":\"b-3\",\"seq\":1,\"utcMs\":1790000000000,\"monoMs\":5,\"clockTrusted\":true,"
        + "\"kind\":\"zone_tripped\",\"subject\":\"bay\",\"reason\":\"channel_above_limit\",\"en\":\"Zone tripped.\",\"zh\":\"区域断电。\",\"permitted\":false,\"latched\":true,"
        + "\"latchedCauses\":[\"channel_above_limit\"],\"causes\":[],\"snapshot\":[],\"prev\":\"" + "0000000000000000000000000000000000000000000000000000000000000000"
        + "\",\"hash\":\"" + "1111111111111111111111111111111111111111111111111111111111111111" + "\"}";

    [Fact]
    public void ChainedEvent_IsCheckedAgainstTheEventSchema()
    {
        var c = new StreamChecker();
        Assert.Empty(c.Check(Topic + "event", Encoding.UTF8.GetBytes(Chained), false, 0));
        var problems = c.Check(Topic + "event", Encoding.UTF8.GetBytes(Chained.Replace("\"seq\":1,", "\"seq\":2,\"bogus\":1,")), false, 10);
        Assert.Contains(problems, p => p.Detail.Contains("unknown member \"bogus\""));
    }
}
