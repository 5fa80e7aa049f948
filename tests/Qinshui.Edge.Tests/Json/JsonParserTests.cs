using System.Text;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Tests.Json;

public class JsonParserTests
{
    private static JsonValue Parse(string s)
    {
        var b = Encoding.UTF8.GetBytes(s);
        Assert.True(JsonParser.TryParse(b, 0, b.Length, out var v, out var error), error);
        return v;
    }

    private static string Refuse(string s) => Refuse(Encoding.UTF8.GetBytes(s));

    private static string Refuse(byte[] b)
    {
        Assert.False(JsonParser.TryParse(b, 0, b.Length, out var v, out var error));
        Assert.Null(v);
        return error;
    }

    [Fact]
    public void ParsesAConfigLikeDocument()
    {
        var v = Parse("{\"site\":\"沁水-01\",\"channels\":[{\"id\":\"ch4\",\"trip\":1.5,\"latching\":true,\"x\":null}],\"n\":-12e-1}");
        Assert.Equal("沁水-01", v.Get("site")!.Text);
        var ch = v.Get("channels")![0];
        Assert.Equal(1.5, ch.Get("trip")!.Number);
        Assert.True(ch.Get("latching")!.AsBool);
        Assert.True(ch.Get("x")!.IsNull);
        Assert.Equal(-1.2, v.Get("n")!.Number);
        Assert.Null(v.Get("missing"));
    }

    [Fact]
    public void ParsesEscapesAndSurrogatePairs()
    {
        var v = Parse("\"a\\\"b\\\\c\\/\\n\\u00e9\\ud83d\\ude00\"");
        Assert.Equal("a\"b\\c/\né😀", v.Text);
    }

    [Theory]
    [InlineData("{\"a\":1,}", "trailing comma")]
    [InlineData("[1,2,]", "trailing comma")]
    [InlineData("{\"a\":1,\"a\":2}", "duplicate member \"a\"")]
    [InlineData("{a:1}", "member name")]
    [InlineData("01", "leading zeros")]
    [InlineData("1.", "fraction needs digits")]
    [InlineData("\"abc", "unterminated string")]
    [InlineData("\"\\ud800\"", "lone high surrogate")]
    [InlineData("\"\\x\"", "invalid escape")]
    [InlineData("tru", "invalid literal")]
    [InlineData("{} {}", "after the JSON value")]
    [InlineData("// c\n{}", "unexpected character")]
    [InlineData("1e999", "out of range")]
    [InlineData("", "unexpected end")]
    public void RefusesMalformedInput_WithAReason(string json, string reason)
    {
        Assert.Contains(reason, Refuse(json));
    }

    [Fact]
    public void RefusesInvalidUtf8AndControlCharacters()
    {
        Assert.Contains("UTF-8", Refuse(new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' }));
        Assert.Contains("UTF-8", Refuse(new byte[] { (byte)'"', 0xED, 0xA0, 0x80, (byte)'"' })); // encoded surrogate
        Assert.Contains("control character", Refuse(new byte[] { (byte)'"', 0x01, (byte)'"' }));
    }

    [Fact]
    public void RefusesDeepNesting()
    {
        Assert.Contains("nesting deeper", Refuse(new string('[', 40) + new string(']', 40)));
    }

    [Fact]
    public void Numbers_MatchDotNetParsing()
    {
        var rng = new Random(3);
        for (int i = 0; i < 20000; i++)
        {
            double d = i % 3 == 0 ? Math.Round(rng.NextDouble() * 1000, rng.Next(0, 6)) : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-20, 20));
            string s = d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            double expected = double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
            double actual = Parse(s).Number;
            // Exact for up to 15 significant digits (configs); within 2 ulp beyond (17-digit round-trips).
            Assert.True(Math.Abs(actual - expected) <= Math.Abs(expected) * 4.5e-16, s + " → " + actual.ToString("R"));
        }
        Assert.Equal(0.49, Parse("0.49").Number);
        Assert.Equal(1.5, Parse("1.5").Number);
        Assert.Equal(17.16, Parse("17.16").Number);
    }

    [Fact]
    public void TryGetLong_RejectsFractions()
    {
        var v = Parse("{\"a\":12,\"b\":1.5}");
        Assert.True(v.TryGetLong("a", out var a));
        Assert.Equal(12, a);
        Assert.False(v.TryGetLong("b", out _));
    }

    [Fact]
    public void Fuzz_RandomAndMutatedInput_NeverThrows()
    {
        var rng = new Random(11);
        var seed = Encoding.UTF8.GetBytes("{\"a\":[1,2.5e3,\"x\\u00e9\",true,null,{\"b\":\"甲烷\"}]}");
        for (int i = 0; i < 100_000; i++)
        {
            byte[] b;
            if (i % 2 == 0)
            {
                b = (byte[])seed.Clone();
                for (int m = rng.Next(1, 4); m > 0; m--) b[rng.Next(b.Length)] = (byte)rng.Next(256);
            }
            else
            {
                b = new byte[rng.Next(0, 40)];
                rng.NextBytes(b);
            }
            bool ok = JsonParser.TryParse(b, 0, b.Length, out var v, out var error);
            Assert.True(ok ? v != null && error == null : v == null && error != null);
        }
    }
}
