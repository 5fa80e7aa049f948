using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The birth's metadata (channels, profiles, zones) cut into meta pages that each fit the
    /// session's payload buffer (docs/mqtt.md, "Birth and meta pages"). A 32-channel birth is
    /// ≈ 12 KB of JSON; an ESP32 without PSRAM cannot keep a buffer for it (docs/memory.md), so
    /// the pages are planned once at start-up from the configuration — each page holds whole items
    /// of one list, filled greedily in order — and written on demand into the shared buffer.
    /// The platform puts item i of a page at index first + i of that list: a channel's index is
    /// the one data readings use. Planning measures every item by writing it, so the pages are
    /// exact for this configuration; nothing here allocates after the constructor.
    /// </summary>
    public sealed class BirthPages
    {
        public const int ListChannels = 0;
        public const int ListProfiles = 1;
        public const int ListZones = 2;
        private const int ListShift = 24;
        private const int FirstMask = (1 << ListShift) - 1;

        private readonly AlarmEngine _engine;
        private readonly ZoneInfo[] _zones;
        /// <summary>For each distinct profile (in order of first use), the channel that uses it first.</summary>
        private readonly int[] _profileChannel;
        /// <summary>Per page: (list &lt;&lt; 24) | index of its first item.</summary>
        private readonly int[] _pages;

        /// <param name="scratch">A writer over the payload buffer the pages will be written into; used here to measure.</param>
        public BirthPages(MessageWriter writer, AlarmEngine engine, ZoneInfo[] zones, JsonWriter scratch)
        {
            _engine = engine;
            _zones = zones == null ? new ZoneInfo[0] : zones;
            int n = engine == null ? 0 : engine.ChannelCount;
            int distinct = 0;
            int[] firstUse = new int[n];
            for (int i = 0; i < n; i++)
            {
                string pid = engine.ProfileId(i);
                if (pid == null) continue;
                bool seen = false;
                for (int j = 0; j < distinct && !seen; j++) seen = engine.ProfileId(firstUse[j]) == pid;
                if (!seen) firstUse[distinct++] = i;
            }
            _profileChannel = new int[distinct];
            System.Array.Copy(firstUse, _profileChannel, distinct);

            HeaderReserve = 160 + writer.Identity.ConfigHashHex.Length + writer.Identity.BootId.Length;
            byte[] buffer = scratch.Buffer;
            // Measure every item (start-up only). An item that does not fit the buffer on its own is
            // measured in a larger temporary one: the session then sizes its live buffer for it.
            int[][] lengths = new int[3][];
            int largest = 0;
            for (int list = 0; list < 3; list++)
            {
                lengths[list] = new int[Count(list)];
                for (int i = 0; i < lengths[list].Length; i++)
                {
                    int len = Measure(scratch, list, i);
                    byte[] temp = buffer;
                    while (len < 0)
                    {
                        temp = new byte[temp.Length * 2];
                        JsonWriter big = new JsonWriter(temp);
                        len = Measure(big, list, i);
                    }
                    lengths[list][i] = len + 1; // the separating comma
                    if (len + 1 > largest) largest = len + 1;
                }
            }
            scratch.Reset(buffer, 0, buffer.Length);
            LargestItemBytes = largest;
            RequiredBufferBytes = largest + HeaderReserve;
            int capacity = (buffer.Length > RequiredBufferBytes ? buffer.Length : RequiredBufferBytes) - HeaderReserve;
            // Greedy: whole items of one list per page, in order.
            int pages = 0;
            for (int pass = 0; pass < 2; pass++)
            {
                int p = 0;
                for (int list = 0; list < 3; list++)
                {
                    int used = 0;
                    for (int i = 0; i < lengths[list].Length; i++)
                    {
                        if (i == 0 || used + lengths[list][i] > capacity)
                        {
                            if (pass == 1) _pages[p] = (list << ListShift) | i;
                            p++;
                            used = 0;
                        }
                        used += lengths[list][i];
                    }
                }
                if (pass == 0)
                {
                    pages = p;
                    _pages = new int[pages];
                }
            }
        }

        /// <summary>Number of meta pages (0 when the gateway has no channels and no zones).</summary>
        public int PageCount { get { return _pages.Length; } }
        public int ChannelCount { get { return Count(ListChannels); } }
        public int ProfileCount { get { return Count(ListProfiles); } }
        public int ZoneCount { get { return Count(ListZones); } }
        /// <summary>Bytes of the longest item (with its comma).</summary>
        public int LargestItemBytes { get; private set; }
        /// <summary>Room kept on every page for the header and the closing brackets.</summary>
        public int HeaderReserve { get; private set; }
        /// <summary>The smallest payload buffer every page of this configuration fits.</summary>
        public int RequiredBufferBytes { get; private set; }

        public static string ListName(int list)
        {
            return list == ListChannels ? "channels" : list == ListProfiles ? "profiles" : "zones";
        }

        public int PageList(int page) { return _pages[page] >> ListShift; }
        public int PageFirst(int page) { return _pages[page] & FirstMask; }

        /// <summary>Items on the page: up to the next page of the same list, or the end of the list.</summary>
        public int PageItems(int page)
        {
            int list = PageList(page);
            int end = page + 1 < _pages.Length && PageList(page + 1) == list ? PageFirst(page + 1) : Count(list);
            return end - PageFirst(page);
        }

        /// <summary>Writes meta page <paramref name="page"/> (0-based) into w.</summary>
        public void Write(JsonWriter w, MessageWriter writer, int page, long utcMs)
        {
            int list = PageList(page);
            int first = PageFirst(page);
            int count = PageItems(page);
            writer.BeginMetaPage(w, page, _pages.Length, ListName(list), first, utcMs);
            for (int i = first; i < first + count; i++) WriteItem(w, list, i);
            MessageWriter.EndMetaPage(w);
        }

        private int Count(int list)
        {
            if (list == ListChannels) return _engine == null ? 0 : _engine.ChannelCount;
            if (list == ListProfiles) return _profileChannel.Length;
            return _zones.Length;
        }

        private void WriteItem(JsonWriter w, int list, int i)
        {
            if (list == ListChannels) MessageWriter.WriteChannelItem(w, _engine, i);
            else if (list == ListProfiles) MessageWriter.WriteProfileItem(w, _engine.ProfileId(_profileChannel[i]));
            else MessageWriter.WriteZoneItem(w, _zones[i]);
        }

        /// <summary>Length of the item written alone, or -1 when it does not fit w's buffer.</summary>
        private int Measure(JsonWriter w, int list, int i)
        {
            w.Reset(w.Buffer, 0, w.Buffer.Length);
            WriteItem(w, list, i);
            return w.Overflowed ? -1 : w.Length;
        }
    }
}
