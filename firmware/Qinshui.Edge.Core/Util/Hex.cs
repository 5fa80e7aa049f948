namespace Qinshui.Edge.Core.Util
{
    public static class Hex
    {
        /// <summary>Lowercase hex of bytes.</summary>
        public static string Encode(byte[] data, int offset, int count)
        {
            char[] c = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                c[i * 2] = Digit(b >> 4);
                c[i * 2 + 1] = Digit(b & 15);
            }
            return new string(c);
        }

        /// <summary>Decodes hex (either case); null if not an even-length hex string.</summary>
        public static byte[] Decode(string s)
        {
            if (s == null || s.Length % 2 != 0) return null;
            byte[] b = new byte[s.Length / 2];
            for (int i = 0; i < b.Length; i++)
            {
                int hi = Value(s[i * 2]);
                int lo = Value(s[i * 2 + 1]);
                if (hi < 0 || lo < 0) return null;
                b[i] = (byte)((hi << 4) | lo);
            }
            return b;
        }

        private static char Digit(int n) { return (char)(n < 10 ? '0' + n : 'a' + n - 10); }

        private static int Value(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
