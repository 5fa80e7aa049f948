using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// When some channels did not read, the sections that name channels can still be cross-checked
    /// as long as they name none of those: otherwise every reference to a refused channel would come
    /// back as a second, misleading "no channel" error. This says which channels did not read and
    /// whether a section mentions one (issue 18: every independent mistake in one run, and no echo of
    /// one mistake as another).
    /// </summary>
    public static class UnreadChannels
    {
        /// <summary>
        /// The ids of the channels that did not read (empty when all did); null when one of them has
        /// no readable id or the section itself is not an array: then no reference can be trusted.
        /// </summary>
        public static string[] Ids(JsonValue root, JsonValue channelsJson, ChannelConfig[] slots)
        {
            if (channelsJson == null) return root.Get("channels") == null ? new string[0] : null;
            int n = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i] == null) n++;
            }
            string[] ids = new string[n];
            n = 0;
            for (int i = 0; i < slots.Length; i++)
            {
                if (slots[i] != null) continue;
                JsonValue id = channelsJson[i].Kind == JsonKind.Object ? channelsJson[i].Get("id") : null;
                if (id == null || id.Kind != JsonKind.String) return null;
                ids[n++] = id.Text;
            }
            return ids;
        }

        /// <summary>True when the section can be cross-checked: the unread ids are known and the section names none of them.</summary>
        public static bool Sound(string[] ids, JsonValue section)
        {
            return ids != null && (ids.Length == 0 || !Mentions(section, ids));
        }

        private static bool Mentions(JsonValue v, string[] ids)
        {
            if (v == null) return false;
            if (v.Kind == JsonKind.String)
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    if (v.Text == ids[i]) return true;
                }
                return false;
            }
            if (v.Kind != JsonKind.Object && v.Kind != JsonKind.Array) return false;
            for (int i = 0; i < v.Count; i++)
            {
                if (Mentions(v[i], ids)) return true;
            }
            return false;
        }
    }
}
