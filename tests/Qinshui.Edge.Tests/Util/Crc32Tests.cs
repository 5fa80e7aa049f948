using System.Text;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Tests.Util;

/// <summary>CRC-32 of the journal (moved here from the retired binary config envelope's tests).</summary>
public class Crc32Tests
{
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
}
