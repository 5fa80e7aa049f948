using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Gateway;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Transfer;

/// <summary>
/// What a chunked push costs the gateway's heap (transiently; nothing of it stays): a chunk
/// allocates about a few times its own size (parse tree, slice); the last one reads the envelope
/// back and then costs about what one update_config command of the same envelope costs (the
/// parsers and the configuration reader dominate). Measured on .NET (UTF-16 strings; nanoFramework's are UTF-8), printed.
/// </summary>
public sealed class CompletionCostTests(ITestOutputHelper output)
{
    private static (long worstChunk, long last, ConfigChunks c) Push()
    {
        var h = new ChunkHarness();
        var c = h.Plan(commandBytes: 1024);
        var result = new CommandResult();
        long worstChunk = 0, last = 0;
        for (int i = 0; i < c.Count; i++)
        {
            byte[] cmd = h.Command(c, i);
            long before = GC.GetAllocatedBytesForCurrentThread();
            h.F.Runtime.Commands.Handle(cmd, cmd.Length, result);
            long spent = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(result.Ok, result.English);
            if (i < c.Count - 1) worstChunk = Math.Max(worstChunk, spent);
            else last = spent;
        }
        return (worstChunk, last, c);
    }

    private static long UpdateConfig(byte[] envelope)
    {
        // The same envelope in one update_config command (it fits one 4 KB command), through the same processor, on a fresh gateway.
        var h = new ChunkHarness();
        byte[] cmd = CommandEnvelope.Build("gw-01", "u-1", 100, h.F.Clock.UtcMs + 60_000, "update_config",
            "{\"envelope\":" + Encoding.UTF8.GetString(envelope) + "}", GatewayFixture.Key);
        var result = new CommandResult();
        long before = GC.GetAllocatedBytesForCurrentThread();
        h.F.Runtime.Commands.Handle(cmd, cmd.Length, result);
        long whole = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(result.Ok, result.English);
        return whole;
    }

    [Fact]
    public void AChunkCostsAboutItsSize_TheLastOneAboutWhatUpdateConfigCosts()
    {
        // Warm up both paths first: first calls allocate type initialisers and JIT state, not the gateway's work.
        var warm = Push();
        UpdateConfig(warm.c.Envelope);
        var (worstChunk, last, c) = Push();
        long whole = UpdateConfig(c.Envelope);
        output.WriteLine($"envelope {c.Envelope.Length} B in {c.Count} chunks of a 1 KB command: ≤ {worstChunk} B allocated per chunk; "
                         + $"{last} B for the last; update_config of the same envelope: {whole} B");
        Assert.True(worstChunk < 16 * 1024, $"{worstChunk} B for one chunk");
        // The last chunk: its own command, the envelope read back and hashed, then the update_config work.
        Assert.True(last < whole + worstChunk + 4 * c.Envelope.Length, $"the last chunk {last} B against update_config {whole} B");
    }
}
