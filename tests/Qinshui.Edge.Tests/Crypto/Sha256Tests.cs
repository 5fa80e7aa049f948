using System.Security.Cryptography;
using System.Text;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Tests.Crypto;

public class Sha256Tests
{
    private static byte[] Portable(byte[] data)
    {
        var s = new Sha256();
        s.Update(data, 0, data.Length);
        var d = new byte[32];
        s.Final(d, 0);
        return d;
    }

    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void MatchesFips180Vectors(string input, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Portable(Encoding.ASCII.GetBytes(input))));
    }

    [Fact]
    public void MatchesSystemSecurityCryptography_OverRandomInputsAndSplits()
    {
        var rng = new Random(5);
        var s = new Sha256();
        var d = new byte[32];
        for (int i = 0; i < 3000; i++)
        {
            var data = new byte[rng.Next(0, 700)];
            rng.NextBytes(data);
            int cut = data.Length == 0 ? 0 : rng.Next(data.Length);
            s.Update(data, 0, cut);
            s.Update(data, cut, data.Length - cut);
            s.Final(d, 0);
            Assert.Equal(SHA256.HashData(data), d);
        }
    }

    [Fact]
    public void Hmac_MatchesSystemSecurityCryptography_IncludingLongKeys()
    {
        var rng = new Random(9);
        var mac = new byte[32];
        for (int i = 0; i < 2000; i++)
        {
            var key = new byte[rng.Next(1, 150)];
            var data = new byte[rng.Next(0, 500)];
            rng.NextBytes(key);
            rng.NextBytes(data);
            HmacSha256.Portable(key).Compute(data, 0, data.Length, mac, 0);
            Assert.Equal(HMACSHA256.HashData(key, data), mac);
        }
    }

    [Fact]
    public void Hmac_VerifyRejectsAnyFlippedBit()
    {
        var key = Encoding.ASCII.GetBytes("gateway-key");
        var data = Encoding.UTF8.GetBytes("{\"cmd\":\"trip\",\"zone\":\"weld-bay-1\"}");
        var h = HmacSha256.Portable(key);
        var mac = HMACSHA256.HashData(key, data);
        var scratch = new byte[32];
        Assert.True(h.Verify(data, 0, data.Length, mac, 0, scratch));
        for (int bit = 0; bit < 256; bit += 7)
        {
            var bad = (byte[])mac.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(h.Verify(data, 0, data.Length, bad, 0, scratch));
        }
    }

    [Fact]
    public void Hashing_AllocatesNothing()
    {
        var h = HmacSha256.Portable(new byte[32]);
        var data = new byte[300];
        var mac = new byte[32];
        // Warm up past tiered JIT's promotion (it can charge stub allocations to this thread).
        for (int i = 0; i < 2000; i++) h.Compute(data, 0, data.Length, mac, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) h.Compute(data, 0, data.Length, mac, 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Utf8_MatchesDotNetEncoding()
    {
        var rng = new Random(2);
        for (int i = 0; i < 5000; i++)
        {
            var chars = new char[rng.Next(0, 30)];
            for (int k = 0; k < chars.Length; k++) chars[k] = (char)rng.Next(0, 0x10000);
            string s = new string(chars);
            var expected = Encoding.UTF8.GetBytes(s); // lone surrogates become U+FFFD, as ours
            Assert.Equal(expected, Utf8.GetBytes(s));
            Assert.Equal(Encoding.UTF8.GetString(expected), Utf8.Decode(expected, 0, expected.Length));
        }
        Assert.Equal("甲烷 😀", Utf8.Decode(Utf8.GetBytes("甲烷 😀"), 0, Utf8.ByteCount("甲烷 😀")));
    }
}
