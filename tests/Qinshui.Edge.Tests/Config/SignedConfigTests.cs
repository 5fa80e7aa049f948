using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Tests.Config;

public class SignedConfigTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"site\":{\"id\":\"s\"},\"gateway\":{\"id\":\"gw-01\"},\"channels\":[]}");

    private static SignedConfigOutcome Open(byte[] env, string gw = "gw-01", byte[]? key = null, long last = 0) =>
        SignedConfig.Open(env, 0, env.Length, gw, key ?? Key, last, out _, out _);

    [Fact]
    public void SignedEnvelope_OpensToTheExactBytes()
    {
        var env = SignedConfig.Sign(Body, "gw-01", 5, 1_790_000_000_000, Key);
        Assert.Equal(SignedConfigOutcome.Accepted, SignedConfig.Open(env, 0, env.Length, "gw-01", Key, 4, out var config, out var counter));
        Assert.Equal(Body, config);
        Assert.Equal(5, counter);
    }

    [Fact]
    public void ForgedReplayedOrForeignEnvelopes_AreRefusedWithAReason()
    {
        var env = SignedConfig.Sign(Body, "gw-01", 5, 1, Key);
        Assert.Equal(SignedConfigOutcome.WrongGateway, Open(env, gw: "gw-02"));
        Assert.Equal(SignedConfigOutcome.BadSignature, Open(env, key: new byte[32]));
        Assert.Equal(SignedConfigOutcome.Replayed, Open(env, last: 5));
        var text = Encoding.UTF8.GetString(env);
        // Change one byte of the embedded config: the MAC no longer matches.
        var tampered = SignedConfig.Sign(Body, "gw-01", 5, 1, Key);
        var other = Encoding.UTF8.GetBytes(text.Replace(Base64.Encode(Body, 0, Body.Length), Base64.Encode(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("gw-01", "gw-0X")), 0, Body.Length)));
        Assert.Equal(SignedConfigOutcome.BadSignature, Open(other));
        Assert.Equal(SignedConfigOutcome.Malformed, Open(Encoding.UTF8.GetBytes("{\"v\":1}")));
        Assert.Equal(SignedConfigOutcome.Malformed, Open(Encoding.UTF8.GetBytes("not json")));
        Assert.Equal(SignedConfigOutcome.UnsupportedVersion, Open(Encoding.UTF8.GetBytes(text.Replace("\"v\":1", "\"v\":2"))));
        Assert.Equal(SignedConfigOutcome.Accepted, Open(tampered));
    }

    [Fact]
    public void Base64_RoundTripsAndMatchesDotNet_AndRefusesNonCanonical()
    {
        var rng = new Random(1);
        for (int i = 0; i < 2000; i++)
        {
            var b = new byte[rng.Next(0, 70)];
            rng.NextBytes(b);
            string s = Base64.Encode(b, 0, b.Length);
            Assert.Equal(Convert.ToBase64String(b), s);
            Assert.Equal(b, Base64.Decode(s));
        }
        Assert.Null(Base64.Decode("abc"));
        Assert.Null(Base64.Decode("ab=c"));
        Assert.Null(Base64.Decode("a$cd"));
        Assert.Null(Base64.Decode("=abc"));
    }
}
