namespace Qinshui.Edge.Core.Util
{
    /// <summary>
    /// Invariant decimal formatting of doubles, identical on desktop and device: fixed
    /// decimals, trailing zeros trimmed, '.' as separator. WriteAscii allocates nothing.
    /// </summary>
    public static class NumberFormat
    {
        private static readonly long[] s_pow10 = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };

        /// <summary>Writes value with at most maxDecimals (0–9) into buffer at offset; returns bytes written. NaN/∞ write "null".</summary>
        public static int WriteAscii(byte[] buffer, int offset, double value, int maxDecimals)
        {
            if (maxDecimals < 0) maxDecimals = 0;
            if (maxDecimals > 9) maxDecimals = 9;
            if (double.IsNaN(value) || double.IsInfinity(value) || value > 9.0e15 || value < -9.0e15)
            {
                buffer[offset] = (byte)'n'; buffer[offset + 1] = (byte)'u'; buffer[offset + 2] = (byte)'l'; buffer[offset + 3] = (byte)'l';
                return 4;
            }
            int p = offset;
            bool negative = value < 0;
            if (negative) value = -value;
            long scale = s_pow10[maxDecimals];
            double scaled = value * scale + 0.5;
            if (scaled >= 9.0e18)
            {
                // Too many digits for the requested decimals: fall back to fewer decimals.
                return WriteAscii(buffer, offset, negative ? -value : value, maxDecimals - 1 < 0 ? 0 : maxDecimals - 1);
            }
            long units = (long)scaled;
            long whole = units / scale;
            long frac = units % scale;
            if (negative && (whole != 0 || frac != 0)) buffer[p++] = (byte)'-';
            p += WriteLong(buffer, p, whole);
            if (frac != 0)
            {
                int decimals = maxDecimals;
                while (frac % 10 == 0)
                {
                    frac /= 10;
                    decimals--;
                }
                buffer[p++] = (byte)'.';
                for (int i = decimals - 1; i >= 0; i--)
                {
                    buffer[p + i] = (byte)('0' + (int)(frac % 10));
                    frac /= 10;
                }
                p += decimals;
            }
            return p - offset;
        }

        /// <summary>Writes a non-negative or negative integer; returns bytes written.</summary>
        public static int WriteLong(byte[] buffer, int offset, long value)
        {
            int p = offset;
            if (value < 0)
            {
                buffer[p++] = (byte)'-';
                if (value == long.MinValue)
                {
                    // -9223372036854775808 cannot be negated.
                    string s = "9223372036854775808";
                    for (int i = 0; i < s.Length; i++) buffer[p++] = (byte)s[i];
                    return p - offset;
                }
                value = -value;
            }
            int digits = 1;
            long v = value;
            while (v >= 10)
            {
                v /= 10;
                digits++;
            }
            for (int i = digits - 1; i >= 0; i--)
            {
                buffer[p + i] = (byte)('0' + (int)(value % 10));
                value /= 10;
            }
            return p + digits - offset;
        }

        /// <summary>Formats to a string (allocates: not for the scan).</summary>
        public static string Format(double value, int maxDecimals)
        {
            byte[] b = new byte[32];
            int n = WriteAscii(b, 0, value, maxDecimals);
            char[] c = new char[n];
            for (int i = 0; i < n; i++) c[i] = (char)b[i];
            return new string(c);
        }
    }
}
