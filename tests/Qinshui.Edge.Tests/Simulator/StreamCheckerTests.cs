using System.Text;
using Qinshui.Edge.Simulator.Platform;

namespace Qinshui.Edge.Tests.Simulator;

/// <summary>What qedge monitor flags: gaps, duplicates and payloads that break the message format.</summary>
public sealed class StreamCheckerTests
{
    private const string Topic = "qinshui/v1/site-1/gw-01/";

    private static byte[] Msg(long seq, string boot = "00000001", string extra = ",\"cfg\":\"ab\",\"r\":[[0,0,1.5,0]],\"nb\":99") =>
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

    private static byte[] Health(long seq, int pendingData, int pendingPriority, string boot = "00000001") =>
        Encoding.UTF8.GetBytes($"{{\"v\":1,\"boot\":\"{boot}\",\"seq\":{seq},\"ts\":1795852800000,\"uptime_ms\":1,"
            + $"\"journal\":{{\"pending_data\":{pendingData},\"pending_priority\":{pendingPriority}}},\"transitions_lost\":0,\"published\":1,\"acked\":1,\"clock_trusted\":true}}");

    private static byte[] Data(long seq, long nb, string boot = "00000001") => Msg(seq, boot, $",\"cfg\":\"ab\",\"r\":[[0,0,1.5,0]],\"nb\":{nb}");

    private static byte[] Alarm(long seq) => Msg(seq, extra: ",\"channel\":\"ch4\",\"transition\":\"level_changed\",\"from\":\"normal\",\"to\":\"active\",\"q\":0,\"at\":1,\"value\":1.5,\"unit\":\"%vol\"");

    [Fact]
    public void LiveMessagesBeforeTheBacklog_AreNoGap_ButANumberMissingOnceTheJournalIsEmptyIs()
    {
        // Issue 16 #5: alarms 1-7 recorded before the connection; state, birth and health 9-11 go out live first.
        var c = new StreamChecker { GapGraceMs = 2_000 };
        c.Check(Topic + "state", Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"00000001\",\"seq\":9,\"ts\":1,\"state\":\"online\"}"), false, 0);
        c.Check(Topic + "health", Health(10, pendingData: 0, pendingPriority: 7), false, 10);
        Assert.Empty(c.ExpireGaps(60_000));
        foreach (long s in new long[] { 1, 2, 3, 5, 6, 7 }) c.Check(Topic + "alarm", Alarm(s), false, 100 + s);
        Assert.Empty(c.ExpireGaps(120_000));
        c.Check(Topic + "health", Health(11, pendingData: 0, pendingPriority: 0), false, 130_000);
        Assert.Empty(c.ExpireGaps(131_000));
        var gap = Assert.Single(c.ExpireGaps(132_000));
        Assert.Equal("gap", gap.Kind);
        Assert.Contains("seq 4,8", gap.Detail);
        Assert.Empty(c.ExpireGaps(500_000));
    }

    [Fact]
    public void TheBatchOpenAtACrash_IsAGapOnceTheNextBootDrainsItsJournal()
    {
        var c = new StreamChecker();
        c.Check(Topic + "state", Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"00000001\",\"seq\":1,\"ts\":1,\"state\":\"online\"}"), false, 0);
        c.Check(Topic + "data", Data(2, nb: 3), false, 10);
        c.Check(Topic + "health", Health(4, 0, 0), false, 20);
        // Batch 3 is still open in the running boot: not a gap.
        Assert.Empty(c.ExpireGaps(100_000));
        // Crash: the next boot drains its journal and batch 3 of the first boot never came.
        c.Check(Topic + "state", Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"00000002\",\"seq\":1,\"ts\":1,\"state\":\"online\"}"), false, 200_000);
        c.Check(Topic + "health", Health(2, 0, 0, boot: "00000002"), false, 200_010);
        var gap = Assert.Single(c.ExpireGaps(300_000));
        Assert.Contains("00000001", gap.Topic);
        Assert.Contains("seq 3", gap.Detail);
    }

    [Fact]
    public void TheLastWill_IsNotSequenceChecked()
    {
        var c = new StreamChecker();
        byte[] will = Encoding.UTF8.GetBytes("{\"v\":1,\"boot\":\"00000001\",\"seq\":3,\"ts\":1,\"state\":\"offline\",\"will\":true}");
        c.Check(Topic + "data", Data(3, nb: 4), false, 0);
        Assert.Empty(c.Check(Topic + "state", will, false, 10));
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

    private const string Chained = "{\"v\":1,\"boot\":\"00000003\",\"seq\":1,\"ts\":1790000000000,\"chain_boot\":3,\"chain_seq\":1,\"monoMs\":5,\"clockTrusted\":true,"
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
