namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// The exposure checkpoint that carries STEL/TWA windows over a reboot (issue 13 #6), in a
    /// fixed binary layout small enough for NVS or a state file (issue 13 #6; docs/memory.md):
    /// <code>
    /// 0  'Q' 'X' 1 (magic, version)      3  exposure channel count n (1 byte)
    /// 4  UTC ms of the checkpoint (8)     12 1 when that UTC was trusted, else 0
    /// 13 per channel, 16 bytes: channel id hash (4), STEL average, TWA average, held value
    ///    (3 × int32, value × 1000; int.MinValue: no held value)
    /// 13 + 16n: CRC-32 of everything before (4)
    /// </code>
    /// A checkpoint that is short, has another magic or fails its CRC is damaged (never half used).
    /// Integers are little-endian; the values keep three decimals (ppm, mg/m³, %vol all fit).
    /// </summary>
    public static class ExposureRecord
    {
        public const int HeaderBytes = 13;
        public const int BytesPerChannel = 16;
        public const int CrcBytes = 4;
        public const int NoValue = int.MinValue;
        private const double Scale = 1000.0;

        /// <summary>Bytes of a checkpoint for this many exposure channels.</summary>
        public static int SizeFor(int channels) { return HeaderBytes + BytesPerChannel * channels + CrcBytes; }

        /// <summary>A channel id's hash (FNV-1a over its characters): a checkpoint from another configuration does not restore into a renamed channel.</summary>
        public static uint IdHash(string id)
        {
            uint h = 2166136261u;
            for (int i = 0; i < id.Length; i++)
            {
                h ^= id[i];
                h *= 16777619u;
            }
            return h;
        }

        /// <summary>True when bytes [0, length) are a whole checkpoint (magic, size, CRC); count is its channel count.</summary>
        public static bool IsWhole(byte[] checkpoint, int length, out int count)
        {
            count = 0;
            if (checkpoint == null || length < HeaderBytes + CrcBytes || length > checkpoint.Length) return false;
            if (checkpoint[0] != (byte)'Q' || checkpoint[1] != (byte)'X' || checkpoint[2] != 1) return false;
            count = checkpoint[3];
            if (length != SizeFor(count)) return false;
            uint crc = (uint)ReadInt(checkpoint, length - CrcBytes);
            return crc == Util.Crc32.Compute(checkpoint, 0, length - CrcBytes);
        }

        public static void WriteHeader(byte[] b, int count, long utcMs, bool trusted)
        {
            b[0] = (byte)'Q';
            b[1] = (byte)'X';
            b[2] = 1;
            b[3] = (byte)count;
            WriteInt(b, 4, (int)utcMs);
            WriteInt(b, 8, (int)(utcMs >> 32));
            b[12] = (byte)(trusted ? 1 : 0);
        }

        public static void WriteChannel(byte[] b, int index, uint idHash, double stel, double twa, bool hasHeld, double held)
        {
            int at = HeaderBytes + index * BytesPerChannel;
            WriteInt(b, at, (int)idHash);
            WriteInt(b, at + 4, ToFixed(stel));
            WriteInt(b, at + 8, ToFixed(twa));
            WriteInt(b, at + 12, hasHeld ? ToFixed(held) : NoValue);
        }

        /// <summary>Seals a checkpoint of count channels with its CRC; returns its length.</summary>
        public static int Seal(byte[] b, int count)
        {
            int body = HeaderBytes + count * BytesPerChannel;
            WriteInt(b, body, (int)Util.Crc32.Compute(b, 0, body));
            return body + CrcBytes;
        }

        public static long UtcMs(byte[] b) { return (uint)ReadInt(b, 4) | ((long)ReadInt(b, 8) << 32); }

        public static bool WasTrusted(byte[] b) { return b[12] == 1; }

        public static uint ChannelHash(byte[] b, int index) { return (uint)ReadInt(b, HeaderBytes + index * BytesPerChannel); }

        /// <summary>Field 0: STEL average, 1: TWA average, 2: held value (check <see cref="HasHeld"/>).</summary>
        public static double Value(byte[] b, int index, int field) { return ReadInt(b, HeaderBytes + index * BytesPerChannel + 4 + 4 * field) / Scale; }

        public static bool HasHeld(byte[] b, int index) { return ReadInt(b, HeaderBytes + index * BytesPerChannel + 12) != NoValue; }

        private static int ToFixed(double v)
        {
            // Rounded up: a saved exposure is never lower than the one measured.
            double f = v * Scale;
            if (f >= int.MaxValue) return int.MaxValue;
            if (f <= int.MinValue + 1) return int.MinValue + 1;
            int i = (int)f;
            return i < f ? i + 1 : i;
        }

        private static void WriteInt(byte[] b, int at, int v)
        {
            b[at] = (byte)v;
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)(v >> 16);
            b[at + 3] = (byte)(v >> 24);
        }

        private static int ReadInt(byte[] b, int at)
        {
            return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
        }
    }
}
