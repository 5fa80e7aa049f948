using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Tests.Modbus;

public class RtuFrameTests
{
    private static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", ""));

    [Fact]
    public void Crc_OfSpecExample_IsLowByteFirst()
    {
        // Modbus over Serial Line V1.02 / widely captured: 01 03 00 00 00 0A → CRC C5 CD on the wire.
        var f = new byte[8];
        Assert.Equal(8, RtuFrame.BuildRead(f, 1, FunctionCode.ReadHoldingRegisters, 0, 10));
        Assert.Equal(Hex("01 03 00 00 00 0A C5 CD"), f);
        Assert.True(Crc16.Check(f, 8));
    }

    [Fact]
    public void Builders_MatchCapturedFrames()
    {
        var b = new byte[64];
        // Modbus Application Protocol V1.1b3 §6.5, 6.6, 6.11, 6.12 examples (slave 0x11); CRCs checked with an independent Python CRC.
        int n = RtuFrame.BuildWriteSingleCoil(b, 17, 0xAC, true);
        Assert.Equal(Hex("11 05 00 AC FF 00 4E 8B"), b[..n]);
        n = RtuFrame.BuildWriteSingleRegister(b, 17, 1, 3);
        Assert.Equal(Hex("11 06 00 01 00 03 9A 9B"), b[..n]);
        n = RtuFrame.BuildWriteMultipleRegisters(b, 17, 1, new ushort[] { 0x000A, 0x0102 }, 0, 2);
        Assert.Equal(Hex("11 10 00 01 00 02 04 00 0A 01 02 C6 F0"), b[..n]);
        n = RtuFrame.BuildWriteMultipleCoils(b, 17, 0x13, new[] { true, false, true, true, false, false, true, true, true, false }, 0, 10);
        Assert.Equal(Hex("11 0F 00 13 00 0A 02 CD 01 BF 0B"), b[..n]);
    }

    [Fact]
    public void ReadHoldingResponse_Parses()
    {
        var req = new byte[8];
        RtuFrame.BuildRead(req, 1, 3, 0, 2);
        var resp = Hex("01 03 04 00 0A 00 14 00 00");
        Crc16.Append(resp, 7);
        Assert.True(RtuFrame.TryParseResponse(req, 8, resp, 9, out var r));
        var regs = new ushort[2];
        RtuFrame.CopyRegisters(resp, r, regs, 0);
        Assert.Equal(new ushort[] { 10, 20 }, regs);
    }

    [Fact]
    public void ExceptionResponse_IsSurfacedWithItsCode()
    {
        var req = new byte[8];
        RtuFrame.BuildRead(req, 1, 3, 400, 5);
        var resp = Hex("01 83 02 C0 F1");
        Assert.False(RtuFrame.TryParseResponse(req, 8, resp, 5, out var r));
        Assert.Equal(ModbusStatus.Exception, r.Status);
        Assert.Equal(2, r.ExceptionCode);
    }

    public static TheoryData<string, ModbusStatus> BadFrames => new()
    {
        { "01 03 04 00 0A 00 14 DA 3F", ModbusStatus.BadCrc },             // CRC flipped
        { "02 03 04 00 0A 00 14 !!", ModbusStatus.WrongUnit },            // another slave answered
        { "01 04 04 00 0A 00 14 !!", ModbusStatus.WrongFunction },
        { "01 03 02 00 0A !!", ModbusStatus.BadByteCount },               // self-consistent, but 1 register, not 2
        { "01 03 04 00 0A 00 !!", ModbusStatus.BadLength },               // truncated data
        { "01 03 04 00 0A 00 14 00 !!", ModbusStatus.BadLength },         // extra byte inside the CRC span
        { "01 83 02 00 !!", ModbusStatus.BadLength },                     // exception with a tail
        { "01 03 !!", ModbusStatus.BadLength },                           // too short for anything
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void BadFrame_IsAFault_NeverAValue(string hex, ModbusStatus expected)
    {
        var req = new byte[8];
        RtuFrame.BuildRead(req, 1, 3, 0, 2);
        byte[] frame;
        if (hex.EndsWith("!!"))
        {
            var body = Hex(hex[..^2]);
            frame = new byte[body.Length + 2];
            body.CopyTo(frame, 0);
            Crc16.Append(frame, body.Length);
        }
        else
        {
            frame = Hex(hex);
        }
        Assert.False(RtuFrame.TryParseResponse(req, 8, frame, frame.Length, out var r));
        Assert.Equal(expected, r.Status);
        Assert.Equal(0, r.DataLength);
    }

    [Fact]
    public void WriteResponse_ThatDoesNotEcho_IsRefused()
    {
        var req = new byte[8];
        RtuFrame.BuildWriteSingleRegister(req, 1, 5, 1234);
        var resp = new byte[8];
        RtuFrame.BuildWriteSingleRegister(resp, 1, 5, 1235);
        Assert.False(RtuFrame.TryParseResponse(req, 8, resp, 8, out var r));
        Assert.Equal(ModbusStatus.EchoMismatch, r.Status);
        Assert.True(RtuFrame.TryParseResponse(req, 8, req, 8, out _));
    }

    [Theory]
    [InlineData(9600, 11, 4011, 6)]
    [InlineData(19200, 11, 2006, 4)]
    [InlineData(19200, 10, 1823, 3)]
    [InlineData(38400, 11, 1750, 3)]
    [InlineData(115200, 11, 1750, 3)]
    public void InterFrameSilence_Is3p5Characters_Or1750usAbove19200(int baud, int bits, long expectedUs, int expectedMs)
    {
        var t = new ModbusTiming(baud, bits, 200, 0, 100);
        Assert.Equal(expectedUs, t.InterFrameSilenceUs);
        Assert.Equal(expectedMs, t.InterFrameSilenceMs);
    }
}
