using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Tests.Modbus;

public class RegisterCodecTests
{
    // Bytes ABCD of each value, big-endian, from an independent encoder (BinaryPrimitives).
    public static TheoryData<RegisterType, double, uint> Values => new()
    {
        { RegisterType.Int32, -123456789, 0xF8A432EB },
        { RegisterType.UInt32, 3000000000, 0xB2D05E00 },
        { RegisterType.Float32, -1234.5, 0xC49A5000 },
        { RegisterType.Float32, 1.401298464324817e-45, 0x00000001 }, // smallest subnormal
        { RegisterType.Float32, 3.4028234663852886e38, 0x7F7FFFFF },  // largest finite
    };

    private static ushort[] Place(uint abcd, WordOrder order)
    {
        byte a = (byte)(abcd >> 24), b = (byte)(abcd >> 16), c = (byte)(abcd >> 8), d = (byte)abcd;
        (byte, byte, byte, byte) m = order switch
        {
            WordOrder.ABCD => (a, b, c, d),
            WordOrder.CDAB => (c, d, a, b),
            WordOrder.BADC => (b, a, d, c),
            _ => (d, c, b, a),
        };
        return new[] { (ushort)(m.Item1 << 8 | m.Item2), (ushort)(m.Item3 << 8 | m.Item4) };
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void ThirtyTwoBitTypes_DecodeInEveryOrder(RegisterType type, double expected, uint abcd)
    {
        foreach (WordOrder order in Enum.GetValues<WordOrder>())
        {
            var regs = Place(abcd, order);
            Assert.True(RegisterCodec.TryDecode(regs, 0, type, order, out double v), order.ToString());
            Assert.Equal(expected, v);
            if (type == RegisterType.Float32) Assert.Equal((double)BitConverter.UInt32BitsToSingle(abcd), v);
            var back = new ushort[2];
            RegisterCodec.Split32(abcd, order, back, 0);
            Assert.Equal(regs, back);
        }
    }

    [Fact]
    public void Float_NaNAndInfinity_AreNotValues()
    {
        foreach (uint bits in new uint[] { 0x7FC00000, 0x7F800000, 0xFF800000, 0x7F800001 })
        {
            var regs = Place(bits, WordOrder.ABCD);
            Assert.False(RegisterCodec.TryDecode(regs, 0, RegisterType.Float32, WordOrder.ABCD, out _));
        }
    }

    [Fact]
    public void Float_RandomBits_MatchTheRuntime()
    {
        var rng = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            uint bits = (uint)rng.NextInt64(0, 1L << 32);
            float f = BitConverter.UInt32BitsToSingle(bits);
            bool ok = RegisterCodec.TryFloatFromBits(bits, out double v);
            Assert.Equal(float.IsFinite(f), ok);
            if (ok) Assert.Equal((double)f, v);
        }
    }

    [Theory]
    [InlineData(0xCFC7, WordOrder.ABCD, RegisterType.Int16, -12345)]
    [InlineData(0xC7CF, WordOrder.BADC, RegisterType.Int16, -12345)]
    [InlineData(0xD431, WordOrder.ABCD, RegisterType.UInt16, 54321)]
    [InlineData(0x31D4, WordOrder.DCBA, RegisterType.UInt16, 54321)]
    public void SixteenBitTypes_Decode(int register, WordOrder order, RegisterType type, double expected)
    {
        Assert.True(RegisterCodec.TryDecode(new[] { (ushort)register }, 0, type, order, out double v));
        Assert.Equal(expected, v);
    }

    [Fact]
    public void Integers_RoundTripThroughEncode()
    {
        var regs = new ushort[2];
        foreach (WordOrder order in Enum.GetValues<WordOrder>())
        {
            Assert.True(RegisterCodec.TryEncodeInteger(-123456789, RegisterType.Int32, order, regs, 0));
            Assert.True(RegisterCodec.TryDecode(regs, 0, RegisterType.Int32, order, out double v));
            Assert.Equal(-123456789, v);
        }
        Assert.False(RegisterCodec.TryEncodeInteger(70000, RegisterType.UInt16, WordOrder.ABCD, regs, 0));
        Assert.False(RegisterCodec.TryEncodeInteger(-1, RegisterType.UInt32, WordOrder.ABCD, regs, 0));
    }

    [Fact]
    public void BitField_AndAscii()
    {
        Assert.Equal(5, RegisterCodec.BitField(0b0000_0000_1010_0000, 5, 3));
        var regs = new ushort[] { 0x5148, 0x2D30, 0x3037, 0x0000 }; // "QH-007"
        var text = new byte[8];
        int n = RegisterCodec.CopyAscii(regs, 0, 4, text, 0);
        Assert.Equal("QH-007", System.Text.Encoding.ASCII.GetString(text, 0, n));
    }
}
