namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// CRC-16/MODBUS (polynomial 0xA001 reflected, initial 0xFFFF), the one implementation the
    /// core uses. Modbus over Serial Line V1.02 §6.2.2: the CRC is sent low byte first.
    /// </summary>
    public static class Crc16
    {
        private static readonly ushort[] s_table = BuildTable();

        private static ushort[] BuildTable()
        {
            ushort[] t = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i;
                for (int b = 0; b < 8; b++)
                {
                    crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
                }
                t[i] = (ushort)crc;
            }
            return t;
        }

        public static ushort Compute(byte[] buffer, int offset, int count)
        {
            int crc = 0xFFFF;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                crc = (crc >> 8) ^ s_table[(crc ^ buffer[i]) & 0xFF];
            }
            return (ushort)crc;
        }

        /// <summary>Appends the CRC of buffer[0..length) at buffer[length], low byte first; returns the new length.</summary>
        public static int Append(byte[] buffer, int length)
        {
            ushort crc = Compute(buffer, 0, length);
            buffer[length] = (byte)(crc & 0xFF);
            buffer[length + 1] = (byte)(crc >> 8);
            return length + 2;
        }

        /// <summary>True when the last two bytes of buffer[0..length) are the CRC of the bytes before them.</summary>
        public static bool Check(byte[] buffer, int length)
        {
            if (length < 3) return false;
            ushort crc = Compute(buffer, 0, length - 2);
            return buffer[length - 2] == (byte)(crc & 0xFF) && buffer[length - 1] == (byte)(crc >> 8);
        }
    }
}
