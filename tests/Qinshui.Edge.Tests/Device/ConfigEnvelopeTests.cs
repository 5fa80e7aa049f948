using System.Text;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Device;

public class ConfigEnvelopeTests
{
    private static readonly byte[] Key = Encoding.ASCII.GetBytes("gateway-7-config-key-0123456789ab");
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"site\":\"沁水\",\"gateway\":\"gw-7\"}");

    private static byte[] Seal(byte[] payload, byte[] key) => ConfigEnvelope.Seal(payload, 0, payload.Length, HmacSha256.Portable(key));

    private static bool AcceptAll(byte[] p, int o, int l, ValidationErrors e) => true;

    /// <summary>Reference: the polynomial division done bit by bit, MSB-first on the unreflected polynomial.</summary>
    private static uint BitwiseCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            uint x = 0;
            for (int i = 0; i < 8; i++) x |= (uint)((b >> i) & 1) << (7 - i); // reflect input byte
            crc ^= x << 24;
            for (int k = 0; k < 8; k++) crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        uint r = 0;
        for (int i = 0; i < 32; i++) r |= ((crc >> i) & 1) << (31 - i); // reflect output
        return r ^ 0xFFFFFFFF;
    }

    [Fact]
    public void Crc32_MatchesTheCatalogueCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789"), 0, 9));
        var data = new byte[1000];
        new Random(7).NextBytes(data);
        Assert.Equal(BitwiseCrc32(data), Crc32.Compute(data, 0, data.Length));
        // Running form: two halves give the same result as the whole.
        uint running = Crc32.Update(0xFFFFFFFFu, data, 0, 400);
        Assert.Equal(Crc32.Compute(data, 0, 1000), Crc32.Update(running, data, 400, 600) ^ 0xFFFFFFFFu);
    }

    [Fact]
    public void SealedEnvelope_Verifies_AndPointsAtThePayload()
    {
        byte[] e = Seal(Payload, Key);
        Assert.Equal(ConfigEnvelope.SizeFor(Payload.Length), e.Length);
        var c = ConfigEnvelope.Verify(e, e.Length, HmacSha256.Portable(Key), new byte[32], out int off, out int len);
        Assert.Equal(ConfigCheck.Ok, c);
        Assert.Equal(Payload, e.Skip(off).Take(len).ToArray());
    }

    [Fact]
    public void EveryFlippedByte_IsRefused_AsCorruptOrUnauthenticated()
    {
        byte[] sealedBytes = Seal(Payload, Key);
        var hmac = HmacSha256.Portable(Key);
        for (int i = 0; i < sealedBytes.Length; i++)
        {
            byte[] e = (byte[])sealedBytes.Clone();
            e[i] ^= 0x40;
            var c = ConfigEnvelope.Verify(e, e.Length, hmac, new byte[32], out _, out _);
            Assert.NotEqual(ConfigCheck.Ok, c);
        }
    }

    [Fact]
    public void ForgedEnvelope_WithAValidCrcButAnotherKey_IsUnauthenticated()
    {
        byte[] e = Seal(Payload, Encoding.ASCII.GetBytes("someone-else"));
        Assert.Equal(ConfigCheck.HmacMismatch, ConfigEnvelope.Verify(e, e.Length, HmacSha256.Portable(Key), new byte[32], out _, out _));
    }

    [Fact]
    public void TornWrite_IsCorruptOrTruncated()
    {
        byte[] e = Seal(Payload, Key);
        var hmac = HmacSha256.Portable(Key);
        Assert.Equal(ConfigCheck.LengthMismatch, ConfigEnvelope.Verify(e, e.Length - 10, hmac, new byte[32], out _, out _));
        Assert.Equal(ConfigCheck.TooShort, ConfigEnvelope.Verify(e, 20, hmac, new byte[32], out _, out _));
        Assert.Equal(ConfigCheck.Missing, ConfigEnvelope.Verify(null!, 0, hmac, new byte[32], out _, out _));
    }

    [Fact]
    public void GoodCandidate_IsChosen()
    {
        var s = ConfigSelection.Choose(Seal(Payload, Key), null!, HmacSha256.Portable(Key), AcceptAll);
        Assert.Equal(ConfigSource.Candidate, s.Source);
        Assert.Equal(ConfigCheck.Ok, s.Reason);
    }

    [Fact]
    public void BadCandidate_KeepsTheLastGood_AndSaysWhy()
    {
        byte[] bad = Seal(Payload, Key);
        bad[20] ^= 1;
        byte[] good = Seal(Encoding.UTF8.GetBytes("{\"v\":1}"), Key);
        var s = ConfigSelection.Choose(bad, good, HmacSha256.Portable(Key), AcceptAll);
        Assert.Equal(ConfigSource.LastGood, s.Source);
        Assert.Equal(ConfigCheck.CrcMismatch, s.Reason);
        Assert.Equal("config_corrupt", ConfigCheckText.Code(s.Reason));
        Assert.Same(good, s.Envelope);
    }

    [Fact]
    public void AuthenticButInvalidCandidate_KeepsTheLastGood_WithTheValidationErrors()
    {
        byte[] candidate = Seal(Payload, Key);
        byte[] good = Seal(Encoding.UTF8.GetBytes("{\"v\":1}"), Key);
        bool Content(byte[] p, int o, int l, ValidationErrors e)
        {
            if (l == Payload.Length) e.Error("$.channels[0].gpio", "flash_pin", "GPIO6 is flash", "GPIO6 是闪存");
            return true;
        }
        var s = ConfigSelection.Choose(candidate, good, HmacSha256.Portable(Key), Content);
        Assert.Equal(ConfigSource.LastGood, s.Source);
        Assert.Equal(ConfigCheck.Invalid, s.Reason);
        Assert.True(s.CandidateErrors.Contains("flash_pin"));
    }

    [Fact]
    public void NothingUsable_IsNone_WithTheReason()
    {
        var none = ConfigSelection.Choose(null!, null!, HmacSha256.Portable(Key), AcceptAll);
        Assert.Equal(ConfigSource.None, none.Source);
        Assert.Equal(ConfigCheck.Missing, none.Reason);
        Assert.Equal("No configuration is stored on the gateway.", ConfigCheckText.English(none.Reason));

        var forged = ConfigSelection.Choose(Seal(Payload, Encoding.ASCII.GetBytes("x")), null!, HmacSha256.Portable(Key), AcceptAll);
        Assert.Equal(ConfigSource.None, forged.Source);
        Assert.Equal(ConfigCheck.HmacMismatch, forged.Reason);
    }
}
