namespace Qinshui.Edge.Core.Util
{
    /// <summary>RFC 4648 base64 (standard alphabet, padded), strict: anything else is refused.</summary>
    public static class Base64
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

        public static string Encode(byte[] data, int offset, int count)
        {
            char[] c = new char[(count + 2) / 3 * 4];
            int p = 0;
            int i = offset;
            int end = offset + count;
            while (end - i >= 3)
            {
                int v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
                c[p++] = Alphabet[(v >> 18) & 63];
                c[p++] = Alphabet[(v >> 12) & 63];
                c[p++] = Alphabet[(v >> 6) & 63];
                c[p++] = Alphabet[v & 63];
                i += 3;
            }
            int rest = end - i;
            if (rest > 0)
            {
                int v = data[i] << 16;
                if (rest == 2) v |= data[i + 1] << 8;
                c[p++] = Alphabet[(v >> 18) & 63];
                c[p++] = Alphabet[(v >> 12) & 63];
                c[p++] = rest == 2 ? Alphabet[(v >> 6) & 63] : '=';
                c[p++] = '=';
            }
            return new string(c);
        }

        /// <summary>Decodes; null when the text is not canonical padded base64.</summary>
        public static byte[] Decode(string s)
        {
            if (s == null || s.Length % 4 != 0) return null;
            int pad = 0;
            if (s.Length > 0 && s[s.Length - 1] == '=') pad++;
            if (s.Length > 1 && s[s.Length - 2] == '=') pad++;
            byte[] b = new byte[s.Length / 4 * 3 - pad];
            int p = 0;
            for (int i = 0; i < s.Length; i += 4)
            {
                int v = 0;
                for (int k = 0; k < 4; k++)
                {
                    char ch = s[i + k];
                    int d;
                    if (ch == '=')
                    {
                        // Padding only in the last group's last one or two places.
                        if (i + 4 != s.Length || k < 4 - pad) return null;
                        d = 0;
                    }
                    else
                    {
                        d = Value(ch);
                        if (d < 0) return null;
                    }
                    v = (v << 6) | d;
                }
                b[p++] = (byte)(v >> 16);
                if (p < b.Length) b[p++] = (byte)(v >> 8);
                if (p < b.Length) b[p++] = (byte)v;
            }
            return b;
        }

        private static int Value(char c)
        {
            if (c >= 'A' && c <= 'Z') return c - 'A';
            if (c >= 'a' && c <= 'z') return c - 'a' + 26;
            if (c >= '0' && c <= '9') return c - '0' + 52;
            if (c == '+') return 62;
            if (c == '/') return 63;
            return -1;
        }
    }
}
