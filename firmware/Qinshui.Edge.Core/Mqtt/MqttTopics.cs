namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Topics qinshui/v1/{site}/{gateway}/{kind}, built once at start-up so that publishing
    /// allocates nothing. Site and gateway ids are restricted to [A-Za-z0-9_-] (1..32): no MQTT
    /// wildcard or level separator can be smuggled into a topic.
    /// </summary>
    public sealed class MqttTopics
    {
        public const string Root = "qinshui/v1";
        private static readonly string[] s_kinds = { "birth", "data", "alarm", "event", "health", "state", "cmd", "reply", "meta" };
        private readonly string[] _topics = new string[9];

        public MqttTopics(string site, string gateway)
        {
            if (!IsValidId(site)) throw new System.ArgumentException("site id must be 1..32 of A-Z a-z 0-9 _ -");
            if (!IsValidId(gateway)) throw new System.ArgumentException("gateway id must be 1..32 of A-Z a-z 0-9 _ -");
            Site = site;
            Gateway = gateway;
            for (int i = 0; i < s_kinds.Length; i++) _topics[i] = Root + "/" + site + "/" + gateway + "/" + s_kinds[i];
        }

        public string Site { get; }
        public string Gateway { get; }

        public string Topic(MessageKind kind) { return _topics[(int)kind]; }

        public static string KindName(MessageKind kind) { return s_kinds[(int)kind]; }

        public static bool IsValidId(string id)
        {
            if (id == null || id.Length < 1 || id.Length > 32) return false;
            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                if (!ok) return false;
            }
            return true;
        }
    }
}
