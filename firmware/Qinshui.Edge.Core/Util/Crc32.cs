namespace Qinshui.Edge.Core.Util
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib/PNG): the journal's record
    /// check. Table built once; Update allocates nothing. Check value of "123456789" is 0xCBF43926.
    /// </summary>
    public static class Crc32
    {
        private static readonly uint[] s_table = BuildTable();

        private static uint[] BuildTable()
        {
            uint[] t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                t[n] = c;
            }
            return t;
        }

        /// <summary>Starting value for an incremental computation.</summary>
        public const uint Seed = 0xFFFFFFFFu;

        /// <summary>Continues a CRC over more bytes (start with <see cref="Seed"/>, finish with <see cref="Finish"/>).</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            int end = offset + count;
            for (int i = offset; i < end; i++) crc = s_table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        public static uint Finish(uint crc) { return crc ^ 0xFFFFFFFFu; }

        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Seed, data, offset, count));
        }
    }
}
