using System.Diagnostics;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Gateway;

namespace Qinshui.Edge.Tests.Transfer;

/// <summary>
/// Random conversations with the gateway's config_chunk handling: chunks of a good transfer, of
/// a transfer whose slices were corrupted, and of one signed with another key, sent in random
/// order with duplicates, losses and minute-long pauses. Whatever happens, a configuration is
/// pending only once every chunk of the good transfer was stored in order, and then it is exactly
/// the good one; every reply has a known code; nothing throws. Bounded: 120 conversations or 10 s.
/// </summary>
public sealed class ChunkSequencePropertyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly HashSet<string> s_codes =
    [
        "ok", "chunk_gap", "chunk_mismatch", "transfer_busy", "transfer_unknown", "transfer_expired", "transfer_hash_mismatch",
        "bad_signature", "replayed", "bad_args",
    ];

    [Fact]
    public void RandomChunkConversations_NeverApplyAnythingButTheCompleteGoodConfiguration()
    {
        var rng = new Random(9);
        var sw = Stopwatch.StartNew();
        int conversations = 0, applied = 0;
        var seen = new HashSet<string>();
        for (; conversations < 120 && sw.Elapsed < TimeSpan.FromSeconds(10); conversations++)
        {
            var h = new ChunkHarness();
            var good = h.Plan(transfer: "good");
            byte[] corruptEnvelope = (byte[])good.Envelope.Clone();
            corruptEnvelope[rng.Next(corruptEnvelope.Length)] ^= 0x20;
            var corrupt = ConfigChunks.Plan(corruptEnvelope, "gw-01", "bad", 1024);
            var forged = h.Plan(transfer: "forged", key: Enumerable.Repeat((byte)3, 32).ToArray());
            var plans = new[] { good, corrupt, forged };
            var result = new CommandResult();
            var next = new int[3];
            bool goodCompleted = false;
            int current = 0;
            for (int step = 0; step < 40; step++)
            {
                if (rng.Next(12) == 0) h.F.Clock.Advance(rng.Next(2) == 0 ? 1000 : ConfigTransfer.IdleTimeoutMs + 1);
                if (rng.Next(6) == 0) current = rng.Next(3);
                var plan = plans[current];
                // Mostly the sender's next chunk; sometimes a duplicate, a skip or a restart.
                int roll = rng.Next(10);
                int index = roll < 7 ? next[current] : roll < 9 ? rng.Next(plan.Count) : 0;
                index = Math.Min(index, plan.Count - 1);
                if (rng.Next(10) == 0) continue; // lost on the way
                // The corrupted transfer announces the good envelope's SHA-256: its slices are not what it claims.
                byte[] cmd = current == 1 ? h.CommandAnnouncing(plan, index, good.Sha256Hex) : h.Command(plan, index);
                h.F.Runtime.Commands.Handle(cmd, cmd.Length, result);
                Assert.True(s_codes.Contains(result.Code), result.Code + ": " + result.English);
                seen.Add(result.Code);
                if (result.NextChunk >= 0 && result.NextChunk < plan.Count) next[current] = result.NextChunk;
                else if (result.NextChunk >= plan.Count || result.Code is "transfer_expired" or "transfer_unknown") next[current] = 0;
                if (current == 0 && result.Ok && result.ConfigHash != null) goodCompleted = true;
                if (h.F.Runtime.PendingConfig != null)
                {
                    Assert.True(goodCompleted, "a configuration became pending without the good transfer completing");
                    Assert.Equal(ChunkHarness.NextBody(), h.F.Runtime.PendingConfig);
                }
                Assert.InRange(h.F.Staging.Length, 0, good.Envelope.Length);
                if (!h.F.Runtime.ConfigTransfer!.IsActive) Assert.Equal(0, h.F.Staging.Length);
            }
            if (h.F.Runtime.PendingConfig != null) applied++;
        }
        output.WriteLine($"{conversations} conversations, {applied} applied, in {sw.Elapsed.TotalSeconds:0.0} s; codes: {string.Join(", ", seen)}");
        Assert.True(conversations >= 20, $"only {conversations} conversations in the time bound");
        Assert.True(applied > 0, "no conversation completed the good transfer: the generator is too weak");
        Assert.True(applied < conversations, "every conversation completed: the generator is too kind");
        foreach (var code in new[] { "ok", "chunk_gap", "transfer_busy", "transfer_hash_mismatch", "bad_signature" }) Assert.Contains(code, seen);
    }
}
