using Qinshui.Edge.Core.Device;

namespace Qinshui.Edge.Tests.Device;

public class WiegandDecoderTests
{
    /// <summary>26-bit H10301 frame: even parity, 8-bit facility, 16-bit card, odd parity.</summary>
    private static bool[] Frame26(int facility, int card)
    {
        var data = new bool[24];
        uint v = (uint)((facility << 16) | card);
        for (int i = 0; i < 24; i++) data[i] = ((v >> (23 - i)) & 1) != 0;
        bool even = data.Take(12).Count(b => b) % 2 == 1;
        bool odd = data.Skip(12).Count(b => b) % 2 == 0;
        return new[] { even }.Concat(data).Concat(new[] { odd }).ToArray();
    }

    private static void Send(WiegandDecoder d, bool[] bits, long at)
    {
        foreach (var b in bits) d.Pulse(b, at++);
    }

    [Fact]
    public void Valid26BitFrame_DecodesFacilityAndCard()
    {
        var d = new WiegandDecoder();
        Send(d, Frame26(123, 45678), 0);
        Assert.False(d.TryTake(30, out _, out _)); // still inside the inter-frame gap
        Assert.True(d.TryTake(26 + WiegandDecoder.GapMs, out uint card, out int bits));
        Assert.Equal(26, bits);
        Assert.Equal((123u << 16) | 45678u, card);
    }

    [Fact]
    public void ParityError_OrOddLength_IsRefused()
    {
        var d = new WiegandDecoder();
        var f = Frame26(1, 2);
        f[5] = !f[5];
        Send(d, f, 0);
        Assert.False(d.TryTake(100, out _, out _));
        Send(d, Frame26(1, 2).Take(25).ToArray(), 200);
        Assert.False(d.TryTake(300, out _, out _));
        Assert.Equal(2, d.Rejected);
    }
}
