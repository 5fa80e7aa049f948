using System.Collections;

namespace Qinshui.Edge.Core.Json
{
    /// <summary>
    /// Strict RFC 8259 parser over UTF-8 bytes, written for nanoFramework (no Encoding, no
    /// double.Parse). Refuses: trailing commas, comments, duplicate keys, invalid UTF-8, lone
    /// surrogates, control characters in strings, leading zeros, nesting deeper than MaxDepth,
    /// trailing bytes. Every refusal has a byte offset and a reason.
    /// </summary>
    public sealed partial class JsonParser
    {
        public const int DefaultMaxDepth = 32;

        private static readonly double[] s_pow10 =
        {
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
        };

        private readonly byte[] _b;
        private readonly int _end;
        private readonly int _maxDepth;
        private int _p;
        private string _error;
        private int _errorAt;
        private char[] _chars;

        private JsonParser(byte[] utf8, int offset, int length, int maxDepth)
        {
            _b = utf8;
            _p = offset;
            _end = offset + length;
            _maxDepth = maxDepth;
        }

        /// <summary>Parses a whole document; on failure value is null and error says where and why.</summary>
        public static bool TryParse(byte[] utf8, int offset, int length, out JsonValue value, out string error)
        {
            return TryParse(utf8, offset, length, DefaultMaxDepth, out value, out error);
        }

        public static bool TryParse(byte[] utf8, int offset, int length, int maxDepth, out JsonValue value, out string error)
        {
            string reason;
            int errorAt;
            bool ok = TryParse(utf8, offset, length, maxDepth, out value, out reason, out errorAt);
            error = ok ? null : errorAt < 0 ? reason : Position(utf8, offset, errorAt) + ": " + reason;
            return ok;
        }

        /// <summary>On failure: the reason alone and the byte index into utf8 where it is (-1 when there is no input), for callers that word the position themselves.</summary>
        public static bool TryParse(byte[] utf8, int offset, int length, int maxDepth, out JsonValue value, out string reason, out int errorAt)
        {
            value = null;
            reason = null;
            errorAt = -1;
            if (utf8 == null || offset < 0 || length < 0 || offset + length > utf8.Length)
            {
                reason = "no input";
                return false;
            }
            JsonParser p = new JsonParser(utf8, offset, length, maxDepth);
            // A UTF-8 byte order mark is tolerated at the start (editors on Windows write one).
            if (length >= 3 && utf8[offset] == 0xEF && utf8[offset + 1] == 0xBB && utf8[offset + 2] == 0xBF) p._p += 3;
            p.SkipWs();
            JsonValue v = p.ParseValue(0);
            if (v != null)
            {
                p.SkipWs();
                if (p._p != p._end) p.Fail("unexpected data after the JSON value");
            }
            if (p._error != null)
            {
                reason = p._error;
                errorAt = p._errorAt;
                return false;
            }
            value = v;
            return true;
        }

        /// <summary>
        /// Where byte <paramref name="at"/> is for a person: lines counted from 1 at each LF, columns
        /// from 1 in characters (UTF-8 continuation bytes do not start one; a byte order mark is not
        /// shown by editors), so an editor's cursor position finds the mistake.
        /// </summary>
        public static void LineColumn(byte[] utf8, int offset, int at, out int line, out int column)
        {
            line = 1;
            column = 1;
            int start = offset;
            if (at - offset >= 3 && utf8[offset] == 0xEF && utf8[offset + 1] == 0xBB && utf8[offset + 2] == 0xBF) start += 3;
            for (int i = start; i < at && i < utf8.Length; i++)
            {
                byte c = utf8[i];
                if (c == '\n')
                {
                    line++;
                    column = 1;
                }
                else if ((c & 0xC0) != 0x80)
                {
                    column++;
                }
            }
        }

        /// <summary>"line L, column C (byte B)"; the byte offset stays for tools that seek.</summary>
        public static string Position(byte[] utf8, int offset, int at)
        {
            int line, column;
            LineColumn(utf8, offset, at, out line, out column);
            return "line " + line + ", column " + column + " (byte " + (at - offset) + ")";
        }

        private JsonValue Fail(string reason)
        {
            if (_error == null)
            {
                _error = reason;
                _errorAt = _p;
            }
            return null;
        }

        private void SkipWs()
        {
            while (_p < _end)
            {
                byte c = _b[_p];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') _p++;
                else break;
            }
        }

        private JsonValue ParseValue(int depth)
        {
            if (_p >= _end) return Fail("unexpected end of input");
            int start = _p;
            JsonValue v;
            byte c = _b[_p];
            switch (c)
            {
                case (byte)'{': v = ParseObject(depth + 1); break;
                case (byte)'[': v = ParseArray(depth + 1); break;
                case (byte)'"':
                    string s = ParseString();
                    v = s == null ? null : JsonValue.Str(s);
                    break;
                case (byte)'t': v = Literal("true") ? JsonValue.Bool(true) : null; break;
                case (byte)'f': v = Literal("false") ? JsonValue.Bool(false) : null; break;
                case (byte)'n': v = Literal("null") ? JsonValue.Null() : null; break;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) v = ParseNumber();
                    else v = Fail("unexpected character '" + Printable(c) + "'");
                    break;
            }
            if (v != null) v.Offset = start;
            return v;
        }

        private static string Printable(byte c)
        {
            if (c >= 0x20 && c < 0x7F) return new string((char)c, 1);
            return "0x" + Hex(c >> 4) + Hex(c & 15);
        }

        private static string Hex(int n) { return new string((char)(n < 10 ? '0' + n : 'A' + n - 10), 1); }

        private bool Literal(string word)
        {
            if (_end - _p < word.Length)
            {
                Fail("invalid literal");
                return false;
            }
            for (int i = 0; i < word.Length; i++)
            {
                if (_b[_p + i] != word[i])
                {
                    Fail("invalid literal");
                    return false;
                }
            }
            _p += word.Length;
            return true;
        }

        private JsonValue ParseObject(int depth)
        {
            if (depth > _maxDepth) return Fail("nesting deeper than " + _maxDepth);
            _p++;
            ArrayList keys = new ArrayList();
            ArrayList values = new ArrayList();
            SkipWs();
            if (_p < _end && _b[_p] == '}')
            {
                _p++;
                return JsonValue.Obj(keys, values);
            }
            while (true)
            {
                SkipWs();
                if (_p >= _end) return Fail("unexpected end of input in an object");
                if (_b[_p] != '"') return Fail("expected a member name in double quotes");
                int keyAt = _p;
                string key = ParseString();
                if (key == null) return null;
                for (int i = 0; i < keys.Count; i++)
                {
                    if ((string)keys[i] == key)
                    {
                        _p = keyAt;
                        return Fail("duplicate member \"" + key + "\"");
                    }
                }
                SkipWs();
                if (_p >= _end || _b[_p] != ':') return Fail("expected ':' after a member name");
                _p++;
                SkipWs();
                JsonValue v = ParseValue(depth);
                if (v == null) return null;
                keys.Add(key);
                values.Add(v);
                SkipWs();
                if (_p >= _end) return Fail("unexpected end of input in an object");
                if (_b[_p] == ',')
                {
                    _p++;
                    SkipWs();
                    if (_p < _end && _b[_p] == '}') return Fail("trailing comma in an object");
                    continue;
                }
                if (_b[_p] == '}')
                {
                    _p++;
                    return JsonValue.Obj(keys, values);
                }
                return Fail("expected ',' or '}' in an object");
            }
        }

        private JsonValue ParseArray(int depth)
        {
            if (depth > _maxDepth) return Fail("nesting deeper than " + _maxDepth);
            _p++;
            ArrayList items = new ArrayList();
            SkipWs();
            if (_p < _end && _b[_p] == ']')
            {
                _p++;
                return JsonValue.Arr(items);
            }
            while (true)
            {
                SkipWs();
                JsonValue v = ParseValue(depth);
                if (v == null) return null;
                items.Add(v);
                SkipWs();
                if (_p >= _end) return Fail("unexpected end of input in an array");
                if (_b[_p] == ',')
                {
                    _p++;
                    SkipWs();
                    if (_p < _end && _b[_p] == ']') return Fail("trailing comma in an array");
                    continue;
                }
                if (_b[_p] == ']')
                {
                    _p++;
                    return JsonValue.Arr(items);
                }
                return Fail("expected ',' or ']' in an array");
            }
        }

        private JsonValue ParseNumber()
        {
            int start = _p;
            bool negative = false;
            if (_b[_p] == '-')
            {
                negative = true;
                _p++;
            }
            if (_p >= _end || _b[_p] < '0' || _b[_p] > '9') return Fail("a number needs digits");
            long mantissa = 0;
            int digits = 0;
            int exp10 = 0;
            bool overflow = false;
            if (_b[_p] == '0')
            {
                _p++;
                if (_p < _end && _b[_p] >= '0' && _b[_p] <= '9') return Fail("leading zeros are not allowed");
            }
            else
            {
                while (_p < _end && _b[_p] >= '0' && _b[_p] <= '9')
                {
                    Accumulate(_b[_p] - '0', ref mantissa, ref digits, ref exp10, ref overflow, false);
                    _p++;
                }
            }
            if (_p < _end && _b[_p] == '.')
            {
                _p++;
                if (_p >= _end || _b[_p] < '0' || _b[_p] > '9') return Fail("a fraction needs digits");
                while (_p < _end && _b[_p] >= '0' && _b[_p] <= '9')
                {
                    Accumulate(_b[_p] - '0', ref mantissa, ref digits, ref exp10, ref overflow, true);
                    _p++;
                }
            }
            if (_p < _end && (_b[_p] == 'e' || _b[_p] == 'E'))
            {
                _p++;
                bool expNeg = false;
                if (_p < _end && (_b[_p] == '+' || _b[_p] == '-'))
                {
                    expNeg = _b[_p] == '-';
                    _p++;
                }
                if (_p >= _end || _b[_p] < '0' || _b[_p] > '9') return Fail("an exponent needs digits");
                int e = 0;
                while (_p < _end && _b[_p] >= '0' && _b[_p] <= '9')
                {
                    if (e < 10000) e = e * 10 + (_b[_p] - '0');
                    _p++;
                }
                exp10 += expNeg ? -e : e;
            }
            double value = Scale(mantissa, exp10);
            if (double.IsInfinity(value))
            {
                _p = start;
                return Fail("number out of range");
            }
            return JsonValue.Num(negative ? -value : value);
        }

        private static void Accumulate(int digit, ref long mantissa, ref int digits, ref int exp10, ref bool overflow, bool fraction)
        {
            // Keep up to 18 significant digits exactly; drop (and round away) the rest.
            if (mantissa == 0 && digit == 0)
            {
                if (fraction) exp10--;
                return;
            }
            if (digits < 18)
            {
                mantissa = mantissa * 10 + digit;
                digits++;
                if (fraction) exp10--;
            }
            else
            {
                overflow = true;
                if (!fraction) exp10++;
            }
        }

        private static double Scale(long mantissa, int exp10)
        {
            if (mantissa == 0) return 0;
            double m = mantissa;
            if (exp10 == 0) return m;
            // One exact multiply or divide by an exact power of ten is correctly rounded
            // when the mantissa fits in 53 bits — true for every value a config holds.
            if (exp10 > 0)
            {
                while (exp10 > 22)
                {
                    m *= 1e22;
                    exp10 -= 22;
                    if (double.IsInfinity(m)) return m;
                }
                return m * s_pow10[exp10];
            }
            int e = -exp10;
            while (e > 22)
            {
                m /= 1e22;
                e -= 22;
                if (m == 0) return 0;
            }
            return m / s_pow10[e];
        }
    }
}
