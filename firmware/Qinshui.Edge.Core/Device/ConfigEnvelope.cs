using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// The signed configuration as stored on the gateway's flash (docs/firmware.md):
    /// <code>
    /// offset 0   "QECF"            magic
    ///        4   1                 version
    ///        5   0 0 0             reserved
    ///        8   uint32 LE         payload length N
    ///       12   N bytes           payload (the configuration JSON, UTF-8)
    ///   12 + N   32 bytes          HMAC-SHA256 over bytes [0, 12 + N) with the gateway's config key
    ///   44 + N   uint32 LE         CRC-32 over bytes [0, 44 + N)
    /// </code>
    /// The CRC tells a torn or corrupted write from a forged one; the HMAC proves the envelope
    /// came from the operator's signing tool for this gateway.
    /// </summary>
    public static class ConfigEnvelope
    {
        public const int HeaderBytes = 12;
        public const int TrailerBytes = HmacSha256.MacSize + 4;
        public const byte Version = 1;

        public static int SizeFor(int payloadLength) { return HeaderBytes + payloadLength + TrailerBytes; }

        /// <summary>Builds an envelope (provisioning tools and tests; the device only verifies).</summary>
        public static byte[] Seal(byte[] payload, int offset, int count, HmacSha256 hmac)
        {
            byte[] e = new byte[SizeFor(count)];
            e[0] = (byte)'Q';
            e[1] = (byte)'E';
            e[2] = (byte)'C';
            e[3] = (byte)'F';
            e[4] = Version;
            WriteUInt32(e, 8, (uint)count);
            System.Array.Copy(payload, offset, e, HeaderBytes, count);
            hmac.Compute(e, 0, HeaderBytes + count, e, HeaderBytes + count);
            int crcAt = HeaderBytes + count + HmacSha256.MacSize;
            WriteUInt32(e, crcAt, Crc32.Compute(e, 0, crcAt));
            return e;
        }

        /// <summary>Checks an envelope of length bytes; on Ok the payload is at [payloadOffset, payloadOffset + payloadLength).</summary>
        public static ConfigCheck Verify(byte[] data, int length, HmacSha256 hmac, byte[] scratch, out int payloadOffset, out int payloadLength)
        {
            payloadOffset = HeaderBytes;
            payloadLength = 0;
            if (data == null || length == 0) return ConfigCheck.Missing;
            if (length < HeaderBytes + TrailerBytes) return ConfigCheck.TooShort;
            if (data[0] != 'Q' || data[1] != 'E' || data[2] != 'C' || data[3] != 'F') return ConfigCheck.BadMagic;
            if (data[4] != Version) return ConfigCheck.UnsupportedVersion;
            uint n = ReadUInt32(data, 8);
            if (n > (uint)(length - HeaderBytes - TrailerBytes) || SizeFor((int)n) != length) return ConfigCheck.LengthMismatch;
            int crcAt = HeaderBytes + (int)n + HmacSha256.MacSize;
            if (Crc32.Compute(data, 0, crcAt) != ReadUInt32(data, crcAt)) return ConfigCheck.CrcMismatch;
            if (!hmac.Verify(data, 0, HeaderBytes + (int)n, data, HeaderBytes + (int)n, scratch)) return ConfigCheck.HmacMismatch;
            payloadLength = (int)n;
            return ConfigCheck.Ok;
        }

        private static void WriteUInt32(byte[] b, int at, uint v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)(v >> 16);
            b[at + 3] = (byte)(v >> 24);
        }

        private static uint ReadUInt32(byte[] b, int at)
        {
            return (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));
        }
    }
}
