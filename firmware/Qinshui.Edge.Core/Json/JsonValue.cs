using System.Collections;

namespace Qinshui.Edge.Core.Json
{
    /// <summary>
    /// A parsed JSON value (configuration, commands, permits). Parsing allocates; it happens at
    /// start-up or per command, never in the scan. Objects keep member order; duplicate keys
    /// are refused by the parser (an ambiguous command or config is an error, not a guess).
    /// </summary>
    public sealed class JsonValue
    {
        private readonly ArrayList _items;
        private readonly ArrayList _keys;

        private JsonValue(JsonKind kind, double number, string text, ArrayList items, ArrayList keys)
        {
            Kind = kind;
            Number = number;
            Text = text;
            _items = items;
            _keys = keys;
        }

        public JsonKind Kind { get; }

        /// <summary>The number of a Number value (0 otherwise).</summary>
        public double Number { get; }

        /// <summary>The string of a String value (null otherwise).</summary>
        public string Text { get; }

        /// <summary>Byte offset in the source where the value starts (for error messages).</summary>
        public int Offset { get; internal set; }

        public bool IsNull { get { return Kind == JsonKind.Null; } }
        public bool IsObject { get { return Kind == JsonKind.Object; } }
        public bool IsArray { get { return Kind == JsonKind.Array; } }
        public bool IsBool { get { return Kind == JsonKind.True || Kind == JsonKind.False; } }
        public bool AsBool { get { return Kind == JsonKind.True; } }

        /// <summary>Elements of an array, or members' values of an object, in order.</summary>
        public int Count { get { return _items == null ? 0 : _items.Count; } }

        public JsonValue this[int index] { get { return (JsonValue)_items[index]; } }

        /// <summary>Key of the index-th member of an object.</summary>
        public string KeyAt(int index) { return (string)_keys[index]; }

        /// <summary>The member's value, or null when absent (or when this is not an object).</summary>
        public JsonValue Get(string key)
        {
            if (_keys == null) return null;
            for (int i = 0; i < _keys.Count; i++)
            {
                if ((string)_keys[i] == key) return (JsonValue)_items[i];
            }
            return null;
        }

        public bool Has(string key) { return Get(key) != null; }

        public bool TryGetString(string key, out string value)
        {
            JsonValue v = Get(key);
            if (v != null && v.Kind == JsonKind.String)
            {
                value = v.Text;
                return true;
            }
            value = null;
            return false;
        }

        public bool TryGetNumber(string key, out double value)
        {
            JsonValue v = Get(key);
            if (v != null && v.Kind == JsonKind.Number)
            {
                value = v.Number;
                return true;
            }
            value = 0;
            return false;
        }

        /// <summary>A whole number that fits in a long (no fraction).</summary>
        public bool TryGetLong(string key, out long value)
        {
            value = 0;
            JsonValue v = Get(key);
            if (v == null || v.Kind != JsonKind.Number) return false;
            double d = v.Number;
            if (d < -9.0e18 || d > 9.0e18) return false;
            long l = (long)d;
            if ((double)l != d) return false;
            value = l;
            return true;
        }

        public bool TryGetBool(string key, out bool value)
        {
            JsonValue v = Get(key);
            if (v != null && v.IsBool)
            {
                value = v.AsBool;
                return true;
            }
            value = false;
            return false;
        }

        internal static JsonValue Null() { return new JsonValue(JsonKind.Null, 0, null, null, null); }
        internal static JsonValue Bool(bool b) { return new JsonValue(b ? JsonKind.True : JsonKind.False, 0, null, null, null); }
        internal static JsonValue Num(double d) { return new JsonValue(JsonKind.Number, d, null, null, null); }
        internal static JsonValue Str(string s) { return new JsonValue(JsonKind.String, 0, s, null, null); }
        internal static JsonValue Arr(ArrayList items) { return new JsonValue(JsonKind.Array, 0, null, items, null); }
        internal static JsonValue Obj(ArrayList keys, ArrayList values) { return new JsonValue(JsonKind.Object, 0, null, values, keys); }
    }
}
