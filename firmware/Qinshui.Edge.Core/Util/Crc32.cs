namespace Qinshui.Edge.Core.Util
{
    /// <summary>
    /// CRC-32 (ISO-HDLC: poly 0x04C11DB7 reflected = 0xEDB88320, init and xorout 0xFFFFFFFF;
    /// check value of "123456789" = 0xCBF43926, per the CRC RevEng catalogue). Guards stored data
    /// against torn writes and flash bit errors; it is not an authenticator (HMAC does that).
    /// Table built once (1 KB); Compute allocates nothing.
    /// </summary>
    public static class Crc32
    {
        private static uint[] s_table;

        private static uint[] Table()
        {
            if (s_table != null) return s_table;
            uint[] t = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                t[i] = c;
            }
            s_table = t;
            return t;
        }

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(0xFFFFFFFFu, data, offset, count) ^ 0xFFFFFFFFu;
        }

        /// <summary>Continues a running CRC (start with 0xFFFFFFFF, finish by xor with 0xFFFFFFFF).</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            uint[] t = Table();
            for (int i = 0; i < count; i++) crc = t[(crc ^ data[offset + i]) & 0xFF] ^ (crc >> 8);
            return crc;
        }
    }
}
