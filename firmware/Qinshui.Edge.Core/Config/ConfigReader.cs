using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Typed access to a JSON configuration object that records every problem with its path
    /// instead of stopping at the first. Unknown members are errors: a misspelt "threshhold"
    /// must not silently leave the standard's value in place.
    /// </summary>
    public sealed class ConfigReader
    {
        private readonly ValidationErrors _errors;

        public ConfigReader(ValidationErrors errors)
        {
            _errors = errors;
        }

        public ValidationErrors Errors { get { return _errors; } }

        /// <summary>Reports members of obj not in allowed (comma-separated names).</summary>
        public void RejectUnknown(JsonValue obj, string path, string[] allowed)
        {
            if (obj == null || !obj.IsObject) return;
            for (int i = 0; i < obj.Count; i++)
            {
                string key = obj.KeyAt(i);
                bool known = false;
                for (int k = 0; k < allowed.Length; k++)
                {
                    if (allowed[k] == key)
                    {
                        known = true;
                        break;
                    }
                }
                if (!known)
                {
                    _errors.Error(Join(path, key), "unknown_member",
                        "unknown member '" + key + "' (allowed: " + JoinNames(allowed) + ")",
                        "未知字段 '" + key + "'（允许：" + JoinNames(allowed) + "）");
                }
            }
        }

        public bool ExpectObject(JsonValue v, string path)
        {
            if (v != null && v.IsObject) return true;
            _errors.Error(path, "type", "must be an object", "必须是对象");
            return false;
        }

        public JsonValue Array(JsonValue obj, string key, string path, bool required)
        {
            JsonValue v = obj.Get(key);
            if (v == null)
            {
                if (required) Missing(path, key);
                return null;
            }
            if (!v.IsArray)
            {
                _errors.Error(Join(path, key), "type", "must be an array", "必须是数组");
                return null;
            }
            return v;
        }

        public JsonValue Object(JsonValue obj, string key, string path, bool required)
        {
            JsonValue v = obj.Get(key);
            if (v == null)
            {
                if (required) Missing(path, key);
                return null;
            }
            if (!v.IsObject)
            {
                _errors.Error(Join(path, key), "type", "must be an object", "必须是对象");
                return null;
            }
            return v;
        }

        public string String(JsonValue obj, string key, string path, bool required, string fallback)
        {
            JsonValue v = obj.Get(key);
            if (v == null)
            {
                if (required) Missing(path, key);
                return fallback;
            }
            if (v.Kind != JsonKind.String)
            {
                _errors.Error(Join(path, key), "type", "must be a string", "必须是字符串");
                return fallback;
            }
            return v.Text;
        }

        /// <summary>An identifier: 1–64 characters of a–z, A–Z, 0–9, '-', '_', '.'. Used in MQTT topics and events.</summary>
        public string Id(JsonValue obj, string key, string path)
        {
            string s = String(obj, key, path, true, null);
            if (s == null) return null;
            if (!IsValidId(s))
            {
                _errors.Error(Join(path, key), "id_invalid",
                    "'" + s + "' is not a valid id: use 1–64 of a–z, A–Z, 0–9, '-', '_', '.'",
                    "'" + s + "' 不是有效的 id：只能使用 1–64 个字母、数字、'-'、'_'、'.'");
            }
            return s;
        }

        /// <summary>
        /// The id of a site or gateway: it is a level of every MQTT topic (qinshui/v1/{site}/{gateway}/…),
        /// so it follows <see cref="Mqtt.MqttTopics.IsValidId"/> — 1–32 of a–z, A–Z, 0–9, '-', '_' — the one
        /// rule the schema ($defs/topicId), this reader, qedge provision and the topics share.
        /// </summary>
        public string TopicId(JsonValue obj, string key, string path)
        {
            string s = String(obj, key, path, true, null);
            if (s == null) return null;
            if (!Mqtt.MqttTopics.IsValidId(s))
            {
                _errors.Error(Join(path, key), "id_invalid",
                    "'" + s + "' is not a valid " + path + " id: it names MQTT topics, use 1–32 of a–z, A–Z, 0–9, '-', '_'",
                    "'" + s + "' 不是有效的 id：它用于 MQTT 主题，只能使用 1–32 个字母、数字、'-'、'_'");
            }
            return s;
        }

        public static bool IsValidId(string s)
        {
            if (s == null || s.Length == 0 || s.Length > 64) return false;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
                if (!ok) return false;
            }
            return true;
        }

        public double Number(JsonValue obj, string key, string path, bool required, double fallback)
        {
            JsonValue v = obj.Get(key);
            if (v == null)
            {
                if (required) Missing(path, key);
                return fallback;
            }
            if (v.Kind != JsonKind.Number)
            {
                _errors.Error(Join(path, key), "type", "must be a number", "必须是数值");
                return fallback;
            }
            return v.Number;
        }

        public int Int(JsonValue obj, string key, string path, bool required, int fallback, int min, int max)
        {
            JsonValue v = obj.Get(key);
            if (v == null)
            {
                if (required) Missing(path, key);
                return fallback;
            }
            if (v.Kind != JsonKind.Number || v.Number != (double)(long)v.Number || v.Number < min || v.Number > max)
            {
                _errors.Error(Join(path, key), "range",
                    "must be a whole number from " + min + " to " + max,
                    "必须是 " + min + " 到 " + max + " 之间的整数");
                return fallback;
            }
            return (int)v.Number;
        }

        public bool Bool(JsonValue obj, string key, string path, bool required, bool fallback)
        {
            JsonValue v = obj.Get(key);
            if (v == null)
            {
                if (required) Missing(path, key);
                return fallback;
            }
            if (!v.IsBool)
            {
                _errors.Error(Join(path, key), "type", "must be true or false", "必须是 true 或 false");
                return fallback;
            }
            return v.AsBool;
        }

        public void Missing(string path, string key)
        {
            _errors.Error(Join(path, key), "required", "is required", "为必填项");
        }

        public static string Join(string path, string key)
        {
            return path == null || path.Length == 0 ? key : path + "." + key;
        }

        public static string Index(string path, int i)
        {
            return path + "[" + i + "]";
        }

        private static string JoinNames(string[] names)
        {
            string s = "";
            for (int i = 0; i < names.Length; i++) s = i == 0 ? names[i] : s + ", " + names[i];
            return s;
        }
    }
}
