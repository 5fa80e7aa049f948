namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The compact data payload (docs/mqtt.md, "Compact data"): one binary encoding for the wire and the
    /// journal record, ≈ 2–4 bytes a reading instead of ≈ 17 in JSON (issue 16 #3/#4). Byte-aligned
    /// LEB128 varints and zigzag signs, so a decoder is a few dozen lines in any language. The first byte
    /// is never '{', so a consumer tells it from the JSON form by its first byte.
    /// </summary>
    public static class CompactData
    {
        /// <summary>First byte of a compact data payload (version 1); bit 0 is the "hist" flag set on replay.</summary>
        public const byte Magic = 0xD0;
        public const byte HistBit = 0x01;
        /// <summary>Header flag: the 4-byte configuration tag follows the timestamp.</summary>
        public const byte CfgBit = 0x02;
        /// <summary>Header flag: the boot id is not 8 hex digits and is written as varint length + ASCII.</summary>
        public const byte BootTextBit = 0x04;
        /// <summary>The top nibble every version-1 first byte has.</summary>
        public const byte MagicMask = 0xF0;

        /// <summary>Row flag: a presence bitmap follows (otherwise every channel 0 … width−1 has a reading).</summary>
        public const byte RowPresence = 0x01;
        /// <summary>Row flag: a quality bitmap follows (otherwise every reading is good, quality 0).</summary>
        public const byte RowQuality = 0x02;
        /// <summary>Row flag: a time-offset bitmap follows (otherwise every reading was taken at the row time).</summary>
        public const byte RowOffsets = 0x04;

        /// <summary>
        /// Rows after the first are expected this far apart (the runtime samples every channel once a
        /// second, GatewayRuntime.SampleIntervalMs): a row stores its distance minus this, so the usual
        /// row costs one byte of time.
        /// </summary>
        public const int NominalRowPeriodMs = 1000;

        /// <summary>Largest header: magic, boot text (1 + 32), seq and nb varints (10 + 10), ts (6), cfg (4), width (3).</summary>
        public const int MaxHeaderBytes = 66;

        /// <summary>Largest boot id written as text.</summary>
        public const int MaxBootTextBytes = 32;

        /// <summary>True when the payload starting at offset is a compact data payload.</summary>
        public static bool IsCompact(byte[] b, int offset, int count)
        {
            return count > 0 && (b[offset] & MagicMask) == Magic;
        }

        public static ulong ZigZag(long v)
        {
            return (ulong)((v << 1) ^ (v >> 63));
        }

        public static long UnZigZag(ulong v)
        {
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        /// <summary>Writes v as an unsigned LEB128 varint; returns the new position.</summary>
        public static int WriteVarint(byte[] b, int pos, ulong v)
        {
            while (v >= 0x80)
            {
                b[pos++] = (byte)(v | 0x80);
                v >>= 7;
            }
            b[pos++] = (byte)v;
            return pos;
        }

        /// <summary>Bytes the varint of v takes.</summary>
        public static int VarintLength(ulong v)
        {
            int n = 1;
            while (v >= 0x80)
            {
                v >>= 7;
                n++;
            }
            return n;
        }

        /// <summary>Value of one hex digit, or -1.</summary>
        public static int HexDigit(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        /// <summary>The first 8 characters of s as a 32-bit value, when they are hex digits.</summary>
        public static bool TryParseHex8(string s, out uint value)
        {
            value = 0;
            if (s == null || s.Length < 8) return false;
            for (int i = 0; i < 8; i++)
            {
                int d = HexDigit(s[i]);
                if (d < 0) return false;
                value = (value << 4) | (uint)d;
            }
            return true;
        }

        /// <summary>
        /// Decimals a channel's values are sent with: the coarsest power of ten not above 1/1000 of the
        /// channel's span (0.1 % of full scale, finer than the accuracy class of the transmitters the
        /// profiles cite, e.g. ±0.1 %CH4 on 0–4 % for AQ 6201), 0 … 6. Declared per channel in the meta
        /// pages ("dp"). An unknown or empty span keeps the 4 decimals of the JSON form.
        /// </summary>
        public static int DecimalsForSpan(double min, double max)
        {
            double span = max - min;
            if (!(span > 0) || span > 1e15) return 4;
            double limit = span / 1000;
            double step = 1;
            int d = 0;
            while (d > -6 && step * 10 <= limit)
            {
                step *= 10;
                d--;
            }
            while (step > limit && d < 6)
            {
                step /= 10;
                d++;
            }
            return d < 0 ? 0 : d;
        }
    }
}
