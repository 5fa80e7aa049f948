using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// What a gateway persists across reboots besides its key (<see cref="GatewayBoot"/>): the
    /// boot counter, the hash of the last event (so the event chain continues), the counters of
    /// the last accepted command, permit and configuration (so nothing older is accepted again).
    /// Stored as small JSON in two slots written alternately (<see cref="Sequence"/> picks the
    /// newer): a power cut while one slot is written leaves the other intact, so a torn write
    /// never resets a counter.
    /// <code>{"seq":12,"boot":7,"lastEventHash":"…64 hex…","command":3,"permit":2,"config":5}</code>
    /// </summary>
    public sealed class BootRecord
    {
        public const int MaxBytes = 256;

        public long Sequence;
        public long BootCounter;
        public byte[] LastEventHash;
        public long LastCommandCounter;
        public long LastPermitCounter;
        public long LastConfigCounter;

        /// <summary>Parses one slot; null when it is missing, torn or not a boot record.</summary>
        public static BootRecord TryParse(byte[] utf8)
        {
            if (utf8 == null || utf8.Length == 0 || utf8.Length > MaxBytes) return null;
            JsonValue v;
            string error;
            if (!JsonParser.TryParse(utf8, 0, utf8.Length, 2, out v, out error) || !v.IsObject) return null;
            BootRecord r = new BootRecord();
            if (!v.TryGetLong("seq", out r.Sequence) || !v.TryGetLong("boot", out r.BootCounter)
                || !v.TryGetLong("command", out r.LastCommandCounter) || !v.TryGetLong("permit", out r.LastPermitCounter)
                || !v.TryGetLong("config", out r.LastConfigCounter)) return null;
            string hash;
            if (v.TryGetString("lastEventHash", out hash))
            {
                r.LastEventHash = Hex.Decode(hash);
                if (r.LastEventHash == null || r.LastEventHash.Length != 32) return null;
            }
            return r;
        }

        /// <summary>The newer of the two slots (either may be null); a fresh record (all zero) when neither parses.</summary>
        public static BootRecord Newest(byte[] slotA, byte[] slotB, out bool fresh)
        {
            BootRecord a = TryParse(slotA);
            BootRecord b = TryParse(slotB);
            fresh = a == null && b == null;
            if (fresh) return new BootRecord();
            if (a == null) return b;
            if (b == null) return a;
            return a.Sequence >= b.Sequence ? a : b;
        }

        /// <summary>
        /// Slot (0 or 1) of this record's sequence: after <see cref="Write"/>, store the bytes there.
        /// Even sequences go to slot 0, odd to slot 1, so a write never overwrites the newest record.
        /// </summary>
        public int Slot { get { return (int)(Sequence & 1); } }

        /// <summary>Starts a boot: counts it and hands the runtime its boot state.</summary>
        public GatewayBoot Begin(byte[] key, string firmwareVersion)
        {
            BootCounter++;
            GatewayBoot boot = new GatewayBoot(key, BootCounter, firmwareVersion);
            boot.LastEventHash = LastEventHash;
            boot.LastCommandCounter = LastCommandCounter;
            boot.LastPermitCounter = LastPermitCounter;
            return boot;
        }

        /// <summary>Takes the runtime's current figures; true when anything changed (then write a slot).</summary>
        public bool Capture(long lastCommandCounter, long lastPermitCounter, byte[] lastEventHash, bool hasEvents)
        {
            bool changed = false;
            if (lastCommandCounter > LastCommandCounter)
            {
                LastCommandCounter = lastCommandCounter;
                changed = true;
            }
            if (lastPermitCounter > LastPermitCounter)
            {
                LastPermitCounter = lastPermitCounter;
                changed = true;
            }
            if (hasEvents && lastEventHash != null && !SameHash(lastEventHash, LastEventHash))
            {
                if (LastEventHash == null) LastEventHash = new byte[32];
                for (int i = 0; i < 32; i++) LastEventHash[i] = lastEventHash[i];
                changed = true;
            }
            return changed;
        }

        /// <summary>Serialises with the next sequence number; returns the length written into buffer (MaxBytes suffice).</summary>
        public int Write(byte[] buffer)
        {
            Sequence++;
            JsonWriter w = new JsonWriter(buffer);
            w.StartObject();
            w.Integer("seq", Sequence);
            w.Integer("boot", BootCounter);
            if (LastEventHash != null) w.Hex("lastEventHash", LastEventHash, 0, LastEventHash.Length);
            w.Integer("command", LastCommandCounter);
            w.Integer("permit", LastPermitCounter);
            w.Integer("config", LastConfigCounter);
            w.EndObject();
            return w.Length;
        }

        private static bool SameHash(byte[] a, byte[] b)
        {
            if (b == null) return false;
            for (int i = 0; i < 32; i++)
            {
                if (a[i] != b[i]) return false;
            }
            return true;
        }
    }
}
