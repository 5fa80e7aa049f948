using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Json
{
    /// <summary>
    /// Allocation-free JSON writer into a caller-owned UTF-8 buffer (MQTT payloads, events,
    /// journal records). Strings are escaped per RFC 8259 and written as UTF-8 (Chinese text
    /// included). When the buffer is too small, <see cref="Overflowed"/> becomes true and
    /// writing stops: the caller must treat the payload as unusable, never send a truncated one.
    /// Commas between members/elements are inserted automatically.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = 16;
        private readonly bool[] _needComma = new bool[MaxDepth + 1];
        private byte[] _buf;
        private int _start;
        private int _pos;
        private int _limit;
        private int _depth;

        public JsonWriter(byte[] buffer)
        {
            Reset(buffer, 0, buffer.Length);
        }

        /// <summary>Starts a new document in buffer[offset .. offset+capacity).</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buf = buffer;
            _start = offset;
            _pos = offset;
            _limit = offset + capacity;
            _depth = 0;
            _needComma[0] = false;
            Overflowed = false;
        }

        public void Reset()
        {
            Reset(_buf, _start, _limit - _start);
        }

        public byte[] Buffer { get { return _buf; } }
        public int Offset { get { return _start; } }
        public int Length { get { return _pos - _start; } }
        public bool Overflowed { get; private set; }
        public int Depth { get { return _depth; } }

        public void StartObject() { Separator(); Byte((byte)'{'); Push(); }
        public void EndObject() { Pop(); Byte((byte)'}'); }
        public void StartArray() { Separator(); Byte((byte)'['); Push(); }
        public void EndArray() { Pop(); Byte((byte)']'); }

        public void StartObject(string name) { Name(name); Byte((byte)'{'); Push(); }
        public void StartArray(string name) { Name(name); Byte((byte)'['); Push(); }

        public void String(string name, string value) { Name(name); StringValue(value); }
        public void Number(string name, double value, int maxDecimals) { Name(name); NumberValue(value, maxDecimals); }
        public void Integer(string name, long value) { Name(name); IntegerValue(value); }
        public void Bool(string name, bool value) { Name(name); BoolValue(value); }
        public void Null(string name) { Name(name); Raw("null"); }

        /// <summary>Writes bytes as lowercase hex string (hashes, MACs).</summary>
        public void Hex(string name, byte[] data, int offset, int count)
        {
            Name(name);
            Byte((byte)'"');
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                Byte(HexDigit(b >> 4));
                Byte(HexDigit(b & 15));
            }
            Byte((byte)'"');
        }

        public void StringElement(string value) { Separator(); StringValue(value); }
        public void NumberElement(double value, int maxDecimals) { Separator(); NumberValue(value, maxDecimals); }
        public void IntegerElement(long value) { Separator(); IntegerValue(value); }
        public void NullElement() { Separator(); Raw("null"); }

        private static byte HexDigit(int n) { return (byte)(n < 10 ? '0' + n : 'a' + n - 10); }

        private void Push()
        {
            if (_depth >= MaxDepth)
            {
                Overflowed = true;
                return;
            }
            _depth++;
            _needComma[_depth] = false;
        }

        private void Pop()
        {
            if (_depth > 0) _depth--;
            _needComma[_depth] = true;
        }

        private void Separator()
        {
            if (_needComma[_depth]) Byte((byte)',');
            _needComma[_depth] = true;
        }

        private void Name(string name)
        {
            Separator();
            StringValue(name);
            Byte((byte)':');
            _needComma[_depth] = true;
        }

        private void BoolValue(bool v) { Raw(v ? "true" : "false"); }

        private void NumberValue(double v, int maxDecimals)
        {
            if (_limit - _pos < 32)
            {
                Overflowed = true;
                return;
            }
            _pos += NumberFormat.WriteAscii(_buf, _pos, v, maxDecimals);
        }

        private void IntegerValue(long v)
        {
            if (_limit - _pos < 21)
            {
                Overflowed = true;
                return;
            }
            _pos += NumberFormat.WriteLong(_buf, _pos, v);
        }

        private void Raw(string ascii)
        {
            for (int i = 0; i < ascii.Length; i++) Byte((byte)ascii[i]);
        }

        private void Byte(byte b)
        {
            if (_pos >= _limit)
            {
                Overflowed = true;
                return;
            }
            _buf[_pos++] = b;
        }

        private void StringValue(string s)
        {
            if (s == null)
            {
                Raw("null");
                return;
            }
            Byte((byte)'"');
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c == '"' || c == '\\')
                {
                    Byte((byte)'\\');
                    Byte((byte)c);
                }
                else if (c < 0x20)
                {
                    switch (c)
                    {
                        case '\n': Byte((byte)'\\'); Byte((byte)'n'); break;
                        case '\r': Byte((byte)'\\'); Byte((byte)'r'); break;
                        case '\t': Byte((byte)'\\'); Byte((byte)'t'); break;
                        default:
                            Byte((byte)'\\'); Byte((byte)'u'); Byte((byte)'0'); Byte((byte)'0');
                            Byte(HexDigit(c >> 4)); Byte(HexDigit(c & 15));
                            break;
                    }
                }
                else if (c < 0x80)
                {
                    Byte((byte)c);
                }
                else if (c < 0x800)
                {
                    Byte((byte)(0xC0 | (c >> 6)));
                    Byte((byte)(0x80 | (c & 0x3F)));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                    i++;
                    Byte((byte)(0xF0 | (cp >> 18)));
                    Byte((byte)(0x80 | ((cp >> 12) & 0x3F)));
                    Byte((byte)(0x80 | ((cp >> 6) & 0x3F)));
                    Byte((byte)(0x80 | (cp & 0x3F)));
                }
                else
                {
                    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
                    Byte((byte)(0xE0 | (c >> 12)));
                    Byte((byte)(0x80 | ((c >> 6) & 0x3F)));
                    Byte((byte)(0x80 | (c & 0x3F)));
                }
            }
            Byte((byte)'"');
        }
    }
}
