namespace Qinshui.Edge.Core.Json
{
    /// <summary>String reading of <see cref="JsonParser"/>: escapes, surrogate pairs and UTF-8 decoding (RFC 8259 section 7).</summary>
    public sealed partial class JsonParser
    {
        private string ParseString()
        {
            _p++; // opening quote
            if (_chars == null) _chars = new char[64];
            int n = 0;
            while (true)
            {
                if (_p >= _end)
                {
                    Fail("unterminated string");
                    return null;
                }
                int c = _b[_p];
                if (c == '"')
                {
                    _p++;
                    return new string(_chars, 0, n);
                }
                if (c < 0x20)
                {
                    Fail("control character in a string");
                    return null;
                }
                if (c == '\\')
                {
                    n = ParseEscape(n);
                    if (n < 0) return null;
                    continue;
                }
                if (c < 0x80)
                {
                    _p++;
                    n = Put(n, (char)c);
                    continue;
                }
                int code = DecodeUtf8();
                if (code < 0) return null;
                if (code >= 0x10000)
                {
                    code -= 0x10000;
                    n = Put(n, (char)(0xD800 + (code >> 10)));
                    n = Put(n, (char)(0xDC00 + (code & 0x3FF)));
                }
                else
                {
                    n = Put(n, (char)code);
                }
            }
        }


        /// <summary>Reads one escape after its backslash into the buffer; returns the new length, or -1 after Fail.</summary>
        private int ParseEscape(int n)
        {
            _p++;
            if (_p >= _end)
            {
                Fail("unterminated escape");
                return -1;
            }
            int code;
            int e = _b[_p++];
            switch (e)
            {
                case '"': code = '"'; break;
                case '\\': code = '\\'; break;
                case '/': code = '/'; break;
                case 'b': code = 8; break;
                case 'f': code = 12; break;
                case 'n': code = 10; break;
                case 'r': code = 13; break;
                case 't': code = 9; break;
                case 'u':
                    code = Hex4();
                    if (code < 0) return -1;
                    if (code >= 0xD800 && code <= 0xDBFF)
                    {
                        if (_end - _p < 6 || _b[_p] != '\\' || _b[_p + 1] != 'u')
                        {
                            Fail("lone high surrogate");
                            return -1;
                        }
                        _p += 2;
                        int low = Hex4();
                        if (low < 0) return -1;
                        if (low < 0xDC00 || low > 0xDFFF)
                        {
                            Fail("invalid low surrogate");
                            return -1;
                        }
                        n = Put(n, (char)code);
                        return Put(n, (char)low);
                    }
                    if (code >= 0xDC00 && code <= 0xDFFF)
                    {
                        Fail("lone low surrogate");
                        return -1;
                    }
                    break;
                default:
                    _p--;
                    Fail("invalid escape '\\" + Printable((byte)e) + "'");
                    return -1;
            }
            return Put(n, (char)code);
        }

        private int Put(int n, char c)
        {
            if (n == _chars.Length)
            {
                char[] bigger = new char[_chars.Length * 2];
                System.Array.Copy(_chars, bigger, n);
                _chars = bigger;
            }
            _chars[n] = c;
            return n + 1;
        }

        private int Hex4()
        {
            if (_end - _p < 4)
            {
                Fail("truncated \\u escape");
                return -1;
            }
            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                int c = _b[_p + i];
                int d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
                else
                {
                    Fail("invalid hex digit in \\u escape");
                    return -1;
                }
                v = v * 16 + d;
            }
            _p += 4;
            return v;
        }

        private int DecodeUtf8()
        {
            int c = _b[_p];
            int need;
            int code;
            int min;
            if (c >= 0xC2 && c <= 0xDF) { need = 1; code = c & 0x1F; min = 0x80; }
            else if (c >= 0xE0 && c <= 0xEF) { need = 2; code = c & 0x0F; min = 0x800; }
            else if (c >= 0xF0 && c <= 0xF4) { need = 3; code = c & 0x07; min = 0x10000; }
            else
            {
                Fail("invalid UTF-8 lead byte");
                return -1;
            }
            if (_end - _p <= need)
            {
                Fail("truncated UTF-8 sequence");
                return -1;
            }
            for (int i = 1; i <= need; i++)
            {
                int cc = _b[_p + i];
                if ((cc & 0xC0) != 0x80)
                {
                    Fail("invalid UTF-8 continuation byte");
                    return -1;
                }
                code = (code << 6) | (cc & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            {
                Fail("invalid UTF-8 sequence");
                return -1;
            }
            _p += need + 1;
            return code;
        }
    }
}
