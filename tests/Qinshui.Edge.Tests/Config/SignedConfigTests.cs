using System.Text;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Tests.Config;

public class SignedEnvelopeTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"schemaVersion\":1,\"site\":{\"id\":\"s\"},\"gateway\":{\"id\":\"gw-01\"},\"channels\":[]}");

    private static EnvelopeOutcome Open(byte[] env, string type = "config", string gw = "gw-01", byte[]? key = null, long last = 0) =>
        SignedEnvelope.Open(env, 0, env.Length, type, gw, key ?? Key, last, out _, out _, out _);

    [Fact]
    public void SignedEnvelope_OpensToTheExactBytes()
    {
        var env = SignedEnvelope.Sign("config", Body, "gw-01", 5, 1_790_000_000_000, Key);
        Assert.Equal(EnvelopeOutcome.Accepted, SignedEnvelope.Open(env, 0, env.Length, "config", "gw-01", Key, 4, out var body, out var counter, out var issued));
        Assert.Equal(Body, body);
        Assert.Equal(5, counter);
        Assert.Equal(1_790_000_000_000, issued);
    }

    [Fact]
    public void ForgedReplayedForeignOrRetypedEnvelopes_AreRefusedWithAReason()
    {
        var env = SignedEnvelope.Sign("config", Body, "gw-01", 5, 1, Key);
        Assert.Equal(EnvelopeOutcome.WrongGateway, Open(env, gw: "gw-02"));
        Assert.Equal(EnvelopeOutcome.BadSignature, Open(env, key: new byte[32]));
        Assert.Equal(EnvelopeOutcome.Replayed, Open(env, last: 5));
        Assert.Equal(EnvelopeOutcome.WrongType, Open(env, type: "permit"));
        string text = Encoding.UTF8.GetString(env);
        string other = Base64.Encode(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("gw-01", "gw-0X")), 0, Body.Length);
        Assert.Equal(EnvelopeOutcome.BadSignature, Open(Encoding.UTF8.GetBytes(text.Replace(Base64.Encode(Body, 0, Body.Length), other))));
        Assert.Equal(EnvelopeOutcome.BadSignature, Open(Encoding.UTF8.GetBytes(text.Replace("\"type\":\"config\"", "\"type\":\"permit\"")), type: "permit"));
        Assert.Equal(EnvelopeOutcome.Malformed, Open(Encoding.UTF8.GetBytes("{\"v\":1}")));
        Assert.Equal(EnvelopeOutcome.Malformed, Open(Encoding.UTF8.GetBytes("not json")));
        Assert.Equal(EnvelopeOutcome.UnsupportedVersion, Open(Encoding.UTF8.GetBytes(text.Replace("\"v\":1", "\"v\":2"))));
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
