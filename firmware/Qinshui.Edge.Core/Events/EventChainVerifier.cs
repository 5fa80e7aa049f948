using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Events
{
    /// <summary>
    /// Checks a sequence of event records (as journalled or received) for alteration, removal,
    /// insertion and reordering (docs/events.md). Feed records in order with <see cref="Add"/>;
    /// the first problem is kept with its index. Allocates (parsing): for tools, the platform
    /// and tests, not for the scan.
    /// </summary>
    public sealed class EventChainVerifier
    {
        private readonly ISha256 _sha;
        private readonly byte[] _digest = new byte[EventRecorder.HashSize];
        private string _expectedPrev;
        private long _lastBoot = -1;
        private long _lastSeq;

        /// <param name="expectedFirstPrevHex">The "prev" the first payload must carry (hex), or null to accept any.</param>
        public EventChainVerifier(ISha256 sha, string expectedFirstPrevHex)
        {
            _sha = sha;
            _expectedPrev = expectedFirstPrevHex;
            FirstProblemIndex = -1;
        }

        public int Count { get; private set; }
        public ChainProblem FirstProblem { get; private set; }
        /// <summary>Index (0-based, in the order added) of the first bad payload, -1 when none.</summary>
        public int FirstProblemIndex { get; private set; }

        public bool IsIntact { get { return FirstProblem == ChainProblem.None; } }

        /// <summary>Checks one payload against its content and the previous payload; returns what is wrong with it.</summary>
        public ChainProblem Add(byte[] payload, int offset, int count)
        {
            ChainProblem p = Check(payload, offset, count);
            if (p != ChainProblem.None && FirstProblem == ChainProblem.None)
            {
                FirstProblem = p;
                FirstProblemIndex = Count;
            }
            Count++;
            return p;
        }

        /// <summary>Verifies a whole chain; returns the index of the first bad payload or -1.</summary>
        public static int Verify(byte[][] records, ISha256 sha, string expectedFirstPrevHex, out ChainProblem problem)
        {
            EventChainVerifier v = new EventChainVerifier(sha, expectedFirstPrevHex);
            for (int i = 0; i < records.Length; i++) v.Add(records[i], 0, records[i].Length);
            problem = v.FirstProblem;
            return v.FirstProblemIndex;
        }

        private ChainProblem Check(byte[] payload, int offset, int count)
        {
            int suffix = EventRecorder.HashSuffixLength;
            if (payload == null || count <= suffix + 2) return ChainProblem.Malformed;
            JsonValue v;
            string error;
            if (!JsonParser.TryParse(payload, offset, count, out v, out error) || !v.IsObject) return ChainProblem.Malformed;
            // The hash member must be the last one, in its fixed form (the body is everything before it).
            if (v.Count < 1 || v.KeyAt(v.Count - 1) != "hash") return ChainProblem.Malformed;
            int hashStart = offset + count - suffix;
            if (payload[hashStart] != (byte)',' || payload[hashStart + 1] != (byte)'"' || payload[offset + count - 1] != (byte)'}')
            {
                return ChainProblem.Malformed;
            }
            string hash;
            string prev;
            long boot;
            long seq;
            if (!v.TryGetString("hash", out hash) || !v.TryGetString("prev", out prev)
                || !v.TryGetLong("chain_boot", out boot) || !v.TryGetLong("chain_seq", out seq) || hash.Length != 64)
            {
                return ChainProblem.Malformed;
            }
            _sha.Reset();
            _sha.Update(payload, offset, count - suffix);
            byte[] brace = { (byte)'}' };
            _sha.Update(brace, 0, 1);
            _sha.Final(_digest, 0);
            string computed = ToHex(_digest);

            ChainProblem result = ChainProblem.None;
            if (computed != hash) result = ChainProblem.HashMismatch;
            else if (_expectedPrev != null && prev != _expectedPrev) result = ChainProblem.BrokenLink;
            else if (_lastBoot >= 0 && (boot < _lastBoot || (boot == _lastBoot && seq != _lastSeq + 1))) result = ChainProblem.SequenceGap;

            // Continue from what the payload says, so that one bad payload is reported once.
            _expectedPrev = hash;
            _lastBoot = boot;
            _lastSeq = seq;
            return result;
        }

        public static string ToHex(byte[] data)
        {
            char[] c = new char[data.Length * 2];
            for (int i = 0; i < data.Length; i++)
            {
                int b = data[i];
                c[2 * i] = (char)(b >> 4 < 10 ? '0' + (b >> 4) : 'a' + (b >> 4) - 10);
                c[2 * i + 1] = (char)((b & 15) < 10 ? '0' + (b & 15) : 'a' + (b & 15) - 10);
            }
            return new string(c);
        }
    }
}
