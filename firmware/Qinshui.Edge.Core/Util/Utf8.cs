namespace Qinshui.Edge.Core.Util
{
    /// <summary>UTF-8 by hand: nanoFramework's core has no System.Text.Encoding. Encode allocates nothing.</summary>
    public static class Utf8
    {
        /// <summary>Bytes the string takes in UTF-8 (lone surrogates count as U+FFFD).</summary>
        public static int ByteCount(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80) n += 1;
                else if (c < 0x800) n += 2;
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    n += 4;
                    i++;
                }
                else n += 3;
            }
            return n;
        }

        /// <summary>Encodes into buffer at offset; returns bytes written. The caller sizes the buffer (ByteCount).</summary>
        public static int Encode(string s, byte[] buffer, int offset)
        {
            int p = offset;
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c < 0x80)
                {
                    buffer[p++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    buffer[p++] = (byte)(0xC0 | (c >> 6));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    buffer[p++] = (byte)(0xF0 | (cp >> 18));
                    buffer[p++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[p++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (cp & 0x3F));
                }
                else
                {
                    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD; // lone surrogate
                    buffer[p++] = (byte)(0xE0 | (c >> 12));
                    buffer[p++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[p++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return p - offset;
        }

        public static byte[] GetBytes(string s)
        {
            byte[] b = new byte[ByteCount(s)];
            Encode(s, b, 0);
            return b;
        }

        /// <summary>Decodes UTF-8 (invalid sequences become U+FFFD). Allocates.</summary>
        public static string Decode(byte[] b, int offset, int count)
        {
            char[] chars = new char[count];
            int n = 0;
            int p = offset;
            int end = offset + count;
            while (p < end)
            {
                int c = b[p];
                int need;
                int cp;
                int min;
                if (c < 0x80) { chars[n++] = (char)c; p++; continue; }
                if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
                else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; min = 0x800; }
                else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; min = 0x10000; }
                else { chars[n++] = (char)0xFFFD; p++; continue; }
                bool ok = end - p > need;
                for (int i = 1; ok && i <= need; i++)
                {
                    int cc = b[p + i];
                    if ((cc & 0xC0) != 0x80) ok = false;
                    else cp = (cp << 6) | (cc & 0x3F);
                }
                if (!ok || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    chars[n++] = (char)0xFFFD;
                    p++;
                    continue;
                }
                p += need + 1;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (char)cp;
                }
            }
            return new string(chars, 0, n);
        }
    }
}
