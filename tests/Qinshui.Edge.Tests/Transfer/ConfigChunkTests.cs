using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Desktop.Platform;
using Qinshui.Edge.Tests.Gateway;
using static Qinshui.Edge.Tests.Transfer.ChunkHarness;

namespace Qinshui.Edge.Tests.Transfer;

/// <summary>
/// config_chunk end to end through the gateway's MQTT session, command processor and runtime
/// (docs/mqtt.md, "Configuration transfer"): a configuration pushed in chunks is verified like
/// update_config; every bad chunk is refused with its code and leaves the running and the
/// pending configuration as they were.
/// </summary>
public sealed class ConfigChunkTests
{
    private readonly ChunkHarness _h = new();

    private void AssertNothingApplied()
    {
        Assert.Null(_h.F.Runtime.PendingConfig);
        Assert.Equal(_h.F.Config.Hash, _h.F.Runtime.Identity.ConfigHashHex);
    }

    [Fact]
    public void ChunksInOrder_AreAssembled_VerifiedAndPending_TheLastReplyCarriesTheHash()
    {
        var c = _h.Plan();
        Assert.True(c.Count >= 4, "a 1 KB command limit cuts the fixture's configuration into several chunks");
        for (int i = 0; i < c.Count - 1; i++)
        {
            var r = _h.Send(c, i);
            Assert.True(Ok(r), r.ToString());
            Assert.Equal(i + 1, Next(r));
            Assert.Null(Cfg(r));
            Assert.Null(_h.F.Runtime.PendingConfig);
        }
        var last = _h.Send(c, c.Count - 1);
        Assert.True(Ok(last), last.ToString());
        Assert.Equal(HashOf(NextBody()), Cfg(last));
        Assert.Equal(c.Count, Next(last));
        Assert.Equal(NextBody(), _h.F.Runtime.PendingConfig);
        Assert.Equal(7, _h.F.Runtime.PendingConfigCounter);
        Assert.Equal(0, _h.F.Staging.Length);
        _h.F.Run(100);
        Assert.Contains(_h.Events(), e => e.Contains("\"config_received\""));
    }

    [Fact]
    public void ARetransmittedChunk_IsAcknowledged_NotWrittenTwice()
    {
        var c = _h.Plan();
        _h.Send(c, 0);
        _h.Send(c, 1);
        int staged = _h.F.Staging.Length;
        var again = _h.Send(c, 0);
        Assert.True(Ok(again));
        Assert.Contains("already stored", again.GetProperty("en").GetString());
        Assert.Equal(2, Next(again));
        Assert.Equal(staged, _h.F.Staging.Length);
        for (int i = 2; i < c.Count; i++) _h.Send(c, i);
        Assert.Equal(NextBody(), _h.F.Runtime.PendingConfig);
    }

    [Fact]
    public void ARetransmittedChunkOfAnEndedTransfer_GetsTheSameVerdict()
    {
        var c = _h.Plan();
        var verdict = _h.SendAll(c);
        var again = _h.Send(c, c.Count - 1);
        Assert.True(Ok(again));
        Assert.Equal(Cfg(verdict), Cfg(again));
        Assert.Equal(c.Count, Next(again));
        Assert.Equal(7, _h.F.Runtime.PendingConfigCounter);
    }

    [Fact]
    public void AChunkAfterAGap_IsRefused_AndTheReplyNamesTheChunkExpected()
    {
        var c = _h.Plan();
        _h.Send(c, 0);
        var r = _h.Send(c, 2);
        Assert.False(Ok(r));
        Assert.Equal("chunk_gap", Code(r));
        Assert.Equal(1, Next(r));
        Assert.Contains("next", r.GetProperty("zh").GetString());
        for (int i = 1; i < c.Count; i++) Assert.True(Ok(_h.Send(c, i)));
        Assert.NotNull(_h.F.Runtime.PendingConfig);
    }

    [Fact]
    public void AFirstChunkOtherThanZero_IsRefusedAsUnknownTransfer()
    {
        var r = _h.Send(_h.Plan(), 1);
        Assert.Equal("transfer_unknown", Code(r));
        Assert.Equal(0, _h.F.Staging.Begins);
        AssertNothingApplied();
    }

    [Fact]
    public void AnotherTransfer_InterleavingWithOneInProgress_IsRefusedAsBusy()
    {
        var a = _h.Plan(transfer: "t-a");
        var b = _h.Plan(transfer: "t-b", envelopeCounter: 8);
        _h.Send(a, 0);
        var r = _h.Send(b, 0);
        Assert.False(Ok(r));
        Assert.Equal("transfer_busy", Code(r));
        Assert.Null(Next(r));
        for (int i = 1; i < a.Count; i++) _h.Send(a, i);
        Assert.Equal(7, _h.F.Runtime.PendingConfigCounter);
        // Once a has ended, b may start.
        Assert.True(Ok(_h.SendAll(b)));
        Assert.Equal(8, _h.F.Runtime.PendingConfigCounter);
    }

    [Fact]
    public void AChunkWhoseTotalOrHashDiffersFromTheTransfer_IsRefusedAsMismatch()
    {
        var a = _h.Plan(transfer: "t-1");
        // Same transfer id, another envelope (another counter: other length or bytes, another SHA-256).
        var other = _h.Plan(transfer: "t-1", envelopeCounter: 123456789);
        _h.Send(a, 0);
        var r = _h.Send(other, 1);
        Assert.Equal("chunk_mismatch", Code(r));
        Assert.Equal(1, Next(r));
        AssertNothingApplied();
    }

    [Fact]
    public void SlicesThatDoNotAddUpToTheTotal_AreRefusedAsMismatch()
    {
        string sha = new string('a', 64);
        string data = Convert.ToBase64String(new byte[10]);
        var r = _h.SendRaw(_h.RawChunk($"{{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":11,\"sha256\":\"{sha}\",\"data\":\"{data}\"}}"));
        Assert.Equal("chunk_mismatch", Code(r));
        var r2 = _h.SendRaw(_h.RawChunk($"{{\"transfer\":\"t\",\"index\":0,\"count\":2,\"total\":10,\"sha256\":\"{sha}\",\"data\":\"{data}\"}}"));
        Assert.Equal("chunk_mismatch", Code(r2));
        Assert.Equal(0, _h.F.Staging.Begins);
    }

    [Fact]
    public void ATotalAboveTheGatewaysMaximum_IsRefusedAtTheFirstChunk()
    {
        int max = _h.F.Runtime.ConfigTransfer!.MaxTotalBytes;
        Assert.Equal(SignedEnvelope.MaxEnvelopeBytes, max);
        string data = Convert.ToBase64String(new byte[900]);
        var r = _h.SendRaw(_h.RawChunk($"{{\"transfer\":\"big\",\"index\":0,\"count\":80,\"total\":{max + 1},\"sha256\":\"{new string('0', 64)}\",\"data\":\"{data}\"}}"));
        Assert.False(Ok(r));
        Assert.Equal("transfer_too_large", Code(r));
        Assert.Contains("配置超过", r.GetProperty("zh").GetString());
        Assert.Equal(0, _h.F.Staging.Begins);
    }

    [Theory]
    [InlineData("{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":3,\"sha256\":\"00\",\"data\":\"AAAA\"}")]
    [InlineData("{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":3,\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"data\":\"AA*A\"}")]
    [InlineData("{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":3,\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\"}")]
    [InlineData("{\"transfer\":\"t\",\"index\":1,\"count\":1,\"total\":3,\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"data\":\"AAAA\"}")]
    [InlineData("{\"transfer\":\"\",\"index\":0,\"count\":1,\"total\":3,\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"data\":\"AAAA\"}")]
    [InlineData("{\"transfer\":\"t\",\"index\":0,\"count\":1,\"total\":0,\"sha256\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"data\":\"\"}")]
    public void MalformedChunkArguments_AreRefusedAsBadArgs(string args)
    {
        var r = _h.SendRaw(_h.RawChunk(args));
        Assert.Equal("bad_args", Code(r));
        Assert.Equal(0, _h.F.Staging.Begins);
    }

    [Fact]
    public void AChunkCorruptedInTransit_FailsTheSha256_AndTheTransferIsDiscarded()
    {
        var c = _h.Plan();
        for (int i = 0; i < c.Count - 1; i++) _h.Send(c, i);
        _h.F.Staging.Corrupt(100);
        var r = _h.Send(c, c.Count - 1);
        Assert.False(Ok(r));
        Assert.Equal("transfer_hash_mismatch", Code(r));
        Assert.Equal(c.Count, Next(r));
        Assert.Equal(0, _h.F.Staging.Length);
        AssertNothingApplied();
        // Its retransmission gets the same verdict; a new transfer starts clean.
        Assert.Equal("transfer_hash_mismatch", Code(_h.Send(c, 0)));
        Assert.True(Ok(_h.SendAll(_h.Plan(transfer: "t2"))));
    }

    [Fact]
    public void ASliceAlteredBeforeSigning_FailsTheSha256()
    {
        // The sender signed a command whose slice is not part of the envelope it announced.
        var c = _h.Plan(transfer: "t-x");
        var twin = ConfigChunks.Plan(Flip(c.Envelope, 40), "gw-01", "t-x", 1024);
        Assert.NotEqual(c.Sha256Hex, twin.Sha256Hex);
        string args0 = ArgsOf(twin, 0).Replace(twin.Sha256Hex, c.Sha256Hex);
        Assert.True(Ok(_h.SendRaw(_h.RawChunk(args0))));
        for (int i = 1; i < c.Count - 1; i++) _h.Send(c, i);
        Assert.Equal("transfer_hash_mismatch", Code(_h.Send(c, c.Count - 1)));
        AssertNothingApplied();
    }

    [Fact]
    public void ChunksSignedWithAnotherKey_AreRefusedUnauthenticated_BeforeAnythingIsStaged()
    {
        var c = _h.Plan();
        var r = _h.Send(c, 0, key: Enumerable.Repeat((byte)1, 32).ToArray());
        Assert.Equal("unauthenticated", Code(r));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("id").ValueKind);
        Assert.Equal(0, _h.F.Staging.Begins);
        AssertNothingApplied();
    }

    [Fact]
    public void AnEnvelopeSignedWithAnotherKey_IsAssembled_ThenRefusedByTheSameCheckAsUpdateConfig()
    {
        var c = _h.Plan(key: Enumerable.Repeat((byte)9, 32).ToArray());
        var r = _h.SendAll(c);
        Assert.False(Ok(r));
        Assert.Equal("bad_signature", Code(r));
        Assert.Null(Cfg(r));
        AssertNothingApplied();
    }

    [Fact]
    public void AnOlderEnvelope_IsRefusedAsReplayed_TheRunningConfigurationStays()
    {
        _h.F.Runtime.AcceptConfigsAbove(7);
        var r = _h.SendAll(_h.Plan(envelopeCounter: 7));
        Assert.Equal("replayed", Code(r));
        AssertNothingApplied();
    }

    [Fact]
    public void AnInvalidConfiguration_IsRefusedWithItsFirstError()
    {
        var r = _h.SendAll(_h.Plan(body: Encoding.UTF8.GetBytes("{\"schemaVersion\":1}")));
        Assert.Equal("config_invalid", Code(r));
        Assert.Contains("保留上一份有效配置", r.GetProperty("zh").GetString());
        AssertNothingApplied();
    }

    [Fact]
    public void AnExpiredChunkCommand_IsRefusedAsExpired()
    {
        var c = _h.Plan();
        var r = _h.Send(c, 0, expiresUtcMs: _h.F.Clock.UtcMs - 1);
        Assert.Equal("expired", Code(r));
        Assert.Equal(0, _h.F.Staging.Begins);
    }

    [Fact]
    public void ATransferLeftIncomplete_ExpiresAfterAMinute_AndItsLaterChunksAreRefused()
    {
        var c = _h.Plan();
        _h.Send(c, 0);
        _h.Send(c, 1);
        _h.F.Run(ConfigTransfer.IdleTimeoutMs - 1000);
        Assert.True(_h.F.Runtime.ConfigTransfer!.IsActive);
        _h.F.Run(2000);
        Assert.False(_h.F.Runtime.ConfigTransfer.IsActive);
        Assert.Equal(0, _h.F.Staging.Length);
        Assert.True(_h.F.Staging.Discards >= 1);
        _h.F.Run(500);
        var expired = _h.F.Mqtt.Published.Single(p => p.Kind == "event" && p.Text.Contains("\"config_transfer_expired\""));
        Assert.Contains("\"t1\"", expired.Text);
        Assert.Contains("\"kind\":\"config_transfer_expired\"", expired.Text);
        var r = _h.Send(c, 2);
        Assert.Equal("transfer_expired", Code(r));
        AssertNothingApplied();
        // Pushed again from the start, it goes through.
        Assert.True(Ok(_h.SendAll(_h.Plan(transfer: "t1-again"))));
    }

    [Fact]
    public void AFlashFailure_DiscardsTheTransfer()
    {
        _h.F.Staging.FailAppendAfter = 2;
        var c = _h.Plan();
        _h.Send(c, 0);
        _h.Send(c, 1);
        var r = _h.Send(c, 2);
        Assert.Equal("staging_failed", Code(r));
        Assert.False(_h.F.Runtime.ConfigTransfer!.IsActive);
        Assert.Equal("transfer_unknown", Code(_h.Send(c, 3)));
        AssertNothingApplied();
    }

    [Fact]
    public void UpdateConfigInOneCommand_StillWorks_AndNowNamesTheHash()
    {
        byte[] envelope = SignedEnvelope.Sign("config", NextBody(), "gw-01", 7, _h.F.Clock.UtcMs, GatewayFixture.Key);
        var r = _h.SendRaw(CommandEnvelope.Build("gw-01", "u1", 5000, _h.F.Clock.UtcMs + 60_000, "update_config",
            "{\"envelope\":" + Encoding.UTF8.GetString(envelope) + "}", GatewayFixture.Key));
        Assert.True(Ok(r), r.ToString());
        Assert.Equal(HashOf(NextBody()), Cfg(r));
        Assert.Null(Next(r));
    }

    private static byte[] Flip(byte[] b, int at)
    {
        var copy = (byte[])b.Clone();
        copy[at] = copy[at] == (byte)'A' ? (byte)'B' : (byte)'A';
        return copy;
    }

    [Theory]
    [InlineData(ChunkOutcome.Busy)]
    [InlineData(ChunkOutcome.Expired)]
    public void ReasonTexts_StateTheIdleTimeoutTheTransferUses(ChunkOutcome outcome)
    {
        string seconds = (ConfigTransfer.IdleTimeoutMs / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(seconds + " s", ChunkOutcomeText.English(outcome));
        Assert.Contains(seconds + " 秒", ChunkOutcomeText.Chinese(outcome));
    }
}
