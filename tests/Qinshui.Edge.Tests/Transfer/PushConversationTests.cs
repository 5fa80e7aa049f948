using System.Text.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Gateway;
using Qinshui.Edge.Tests.Tools;

namespace Qinshui.Edge.Tests.Transfer;

/// <summary>
/// qedge config push's conversation (ConfigPush.Push) against a gateway runtime over a fake link
/// that loses what the test says: lost commands and lost replies are retransmitted with new
/// counters, the gateway acknowledges what it already has, and the push ends with the hash.
/// </summary>
public sealed class PushConversationTests
{
    private readonly ChunkHarness _h = new();

    public PushConversationTests()
    {
        // The tool stamps expiries from the real clock: the gateway's clock reads the same.
        _h.F.Clock.UtcMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    }

    /// <summary>A link to the gateway: lose(attempt number) decides "command" (never arrives), "reply" (arrives, reply lost) or null.</summary>
    private Func<string, byte[], TimeSpan, Task<JsonElement?>> Link(Func<int, string?> lose)
    {
        int n = 0;
        return (id, command, timeout) =>
        {
            string? loss = lose(n++);
            if (loss == "command") return Task.FromResult<JsonElement?>(null);
            var reply = _h.SendRaw(command);
            Assert.Equal(id, reply.GetProperty("id").GetString());
            return Task.FromResult<JsonElement?>(loss == "reply" ? null : reply);
        };
    }

    private (ConfigPush.Push push, StringWriter o, StringWriter e) NewPush(int retries = 3, int commandBytes = 1024)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var plan = _h.Plan(commandBytes: commandBytes);
        return (new ConfigPush.Push(plan, GatewayFixture.Key, 500, TimeSpan.FromSeconds(1), retries, "en", o, e), o, e);
    }

    [Fact]
    public async Task LostCommandsAndLostReplies_AreRetransmitted_AndThePushCompletes()
    {
        var (push, o, e) = NewPush();
        // Send 1: chunk 1's reply is lost (the gateway has the chunk); send 3: chunk 2 never arrives.
        var exit = await push.RunAsync(Link(n => n == 1 ? "reply" : n == 3 ? "command" : null), ChunkHarness.HashOf(ChunkHarness.NextBody()), () => "offline?");
        Assert.True(exit == ToolOutcome.Ok, o.ToString() + e);
        Assert.Equal(2, push.Retransmissions);
        Assert.Equal(push.Chunks.Count + 2, push.Sent);
        Assert.Equal(ChunkHarness.NextBody(), _h.F.Runtime.PendingConfig);
        Assert.Contains("already stored", o.ToString());
        Assert.Contains("config hash " + ChunkHarness.HashOf(ChunkHarness.NextBody()), o.ToString());
        Assert.Contains("2 retransmitted", o.ToString());
    }

    [Fact]
    public async Task ATransferLeftBehindOnTheGateway_IsWaitedOut_ThenThePushGoesThrough()
    {
        // A push cut short (Ctrl-C) left transfer "old" in progress on the gateway.
        var old = _h.Plan(transfer: "old", envelopeCounter: 6);
        Assert.True(ChunkHarness.Ok(_h.Send(old, 0)));
        var o = new StringWriter();
        var e = new StringWriter();
        var push = new ConfigPush.Push(_h.Plan(commandBytes: 1024, transfer: "new"), GatewayFixture.Key, 500, TimeSpan.FromSeconds(1), 3, "en", o, e,
            d => { _h.F.Clock.Advance((long)d.TotalMilliseconds); return Task.CompletedTask; });
        var exit = await push.RunAsync(Link(_ => null), ChunkHarness.HashOf(ChunkHarness.NextBody()), () => "");
        Assert.True(exit == ToolOutcome.Ok, o.ToString() + e);
        Assert.Contains("waiting for it to end or expire", o.ToString());
        Assert.Equal(7, _h.F.Runtime.PendingConfigCounter);
    }

    [Fact]
    public async Task AGatewayBusyForLongerThanTheWaitLimit_EndsThePushAsBusy()
    {
        var other = _h.Plan(transfer: "other", envelopeCounter: 6);
        _h.Send(other, 0);
        var o = new StringWriter();
        var e = new StringWriter();
        // The other sender keeps its transfer alive: a chunk again (a retransmission) at every wait. Both senders take
        // counters from their clocks (UTC ms), as qedge does without --counter: neither's commands become replays.
        var push = new ConfigPush.Push(_h.Plan(commandBytes: 1024, transfer: "mine"), GatewayFixture.Key, 500, TimeSpan.FromSeconds(1), 3, "en", o, e,
            d =>
            {
                _h.F.Clock.Advance((long)d.TotalMilliseconds);
                _h.NextCounter = _h.F.Clock.UtcMs;
                Assert.True(ChunkHarness.Ok(_h.Send(other, 0)));
                return Task.CompletedTask;
            },
            counterFloor: () => _h.F.Clock.UtcMs);
        var exit = await push.RunAsync(Link(_ => null), "x", () => "");
        Assert.Equal(ToolOutcome.Failed, exit);
        Assert.True(e.ToString().Contains("refused (transfer_busy)"), o.ToString() + e);
        Assert.Null(_h.F.Runtime.PendingConfig);
    }

    [Fact]
    public async Task AGatewayThatNeverAnswers_EndsThePushAfterTheRetries()
    {
        var (push, o, e) = NewPush(retries: 2);
        var exit = await push.RunAsync(Link(_ => "command"), "x", () => "is it online?");
        Assert.Equal(ToolOutcome.Failed, exit);
        Assert.Equal(3, push.Sent);
        Assert.Contains("no reply to chunk 1/", e.ToString());
        Assert.Null(_h.F.Runtime.PendingConfig);
    }

    [Fact]
    public async Task ARefusal_EndsThePushWithItsCodeAndText()
    {
        _h.F.Runtime.AcceptConfigsAbove(7);
        var (push, o, e) = NewPush();
        var exit = await push.RunAsync(Link(_ => null), "x", () => "");
        Assert.Equal(ToolOutcome.Failed, exit);
        Assert.Contains("refused (replayed): Configuration refused: replayed", e.ToString());
    }

    [Fact]
    public void TheCmdSchema_DescribesChunkArguments()
    {
        var schema = global::Json.Schema.JsonSchema.FromText(File.ReadAllText(Repo.Path("docs", "schemas", "cmd.json")).Replace("/cmd.json", "/cmd-probe.json"));
        string sha = new string('0', 64);
        bool Valid(string args) => schema.Evaluate(JsonDocument.Parse(
            $"{{\"v\":1,\"id\":\"c\",\"gw\":\"g\",\"ctr\":1,\"exp\":1,\"cmd\":\"config_chunk\",\"args\":{args},\"mac\":\"{sha}\"}}").RootElement).IsValid;
        Assert.True(Valid($"{{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":3,\"sha256\":\"{sha}\",\"data\":\"AAAA\"}}"));
        Assert.False(Valid($"{{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":3,\"data\":\"AAAA\"}}"));
        Assert.False(Valid($"{{\"transfer\":\"t\",\"index\":-1,\"count\":1,\"total\":3,\"sha256\":\"{sha}\",\"data\":\"AAAA\"}}"));
    }

    [Fact]
    public void EveryChunkCommand_FitsTheGatewaysCommandLimit()
    {
        foreach (int limit in new[] { 700, 1024, 2048, CommandProcessor.MaxCommandBytes })
        {
            var plan = _h.Plan(commandBytes: limit);
            for (int i = 0; i < plan.Count; i++)
            {
                byte[] cmd = plan.Command(i, ConfigChunks.CommandId(plan.TransferId, i, 99), 9007199254740991, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 600_000, GatewayFixture.Key);
                Assert.InRange(cmd.Length, 1, limit);
                Mqtt.PayloadSchemaTests.AssertValid("cmd", cmd);
            }
            // The slices are as large as the limit allows: one more base64 group would not fit.
            byte[] first = plan.Command(0, ConfigChunks.CommandId(plan.TransferId, 0, 0), 100, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), GatewayFixture.Key);
            if (plan.Count > 1) Assert.True(first.Length + 4 > limit - 40, $"limit {limit}: chunk 0 is {first.Length} bytes");
        }
    }
}
