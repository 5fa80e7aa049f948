using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Reassembles a signed configuration envelope pushed in chunks (docs/mqtt.md, "Configuration
    /// transfer"): each chunk is its own authenticated config_chunk command (HMAC, counter, expiry
    /// already checked by the CommandProcessor) carrying the transfer id, its index, the chunk count,
    /// the envelope's total length and SHA-256, and a base64 slice. Slices are appended in order to
    /// an <see cref="IStagingStore"/> (flash on the device) — the core keeps only this bookkeeping,
    /// never the envelope, in its static RAM. One transfer at a time: a retransmitted chunk is
    /// acknowledged without writing it again; a gap, a chunk that does not fit the transfer, another
    /// transfer, a total above <see cref="MaxTotalBytes"/> are refused; a transfer without a chunk
    /// for <see cref="IdleTimeoutMs"/> expires and is discarded. Nothing is applied from here: the
    /// complete envelope is read back once (<see cref="TakeEnvelope"/>), its SHA-256 checked, and the
    /// caller hands it to the same verification as update_config.
    /// </summary>
    public sealed class ConfigTransfer
    {
        /// <summary>A transfer without a new chunk for this long is discarded (the reason texts state it; ConfigChunkTests holds them to it).</summary>
        public const long IdleTimeoutMs = 60000;
        public const int MaxTransferIdLength = 32;

        private readonly IStagingStore _store;
        private readonly IClock _clock;
        private readonly int _maxTotalBytes;

        private string _id;
        private int _count;
        private int _total;
        private string _sha256Hex;
        private int _next;
        private int _received;
        private long _lastChunkMs;
        private string _expiredId;
        private string _endedId;
        private EndedAnswer _ended;

        public ConfigTransfer(IStagingStore store, IClock clock, int maxTotalBytes)
        {
            _store = store;
            _clock = clock;
            _maxTotalBytes = store.Capacity < maxTotalBytes ? store.Capacity : maxTotalBytes;
        }

        /// <summary>The largest envelope accepted: the staging store's capacity, at most the caller's limit.</summary>
        public int MaxTotalBytes { get { return _maxTotalBytes; } }

        public bool IsActive { get { return _id != null; } }
        public string ActiveId { get { return _id; } }
        public int Count { get { return _count; } }
        public int ReceivedBytes { get { return _received; } }

        /// <summary>The index of the next chunk the transfer expects (its count once it has ended).</summary>
        public int NextIndex { get { return _next; } }

        /// <summary>Index to report to the sender of a chunk of transfer id: the next expected one, or -1 when id is not in progress.</summary>
        public int NextIndexFor(string id)
        {
            if (id != null && id == _id) return _next;
            if (id != null && id == _endedId && _ended != null) return _ended.Count;
            return -1;
        }

        /// <summary>Discards a transfer idle for <see cref="IdleTimeoutMs"/>. True when one expired now (allocates nothing otherwise).</summary>
        public bool Expire()
        {
            if (_id == null || _clock.MonotonicMs - _lastChunkMs < IdleTimeoutMs) return false;
            _expiredId = _id;
            End();
            return true;
        }

        /// <summary>Takes one chunk. Stored, Complete (call <see cref="TakeEnvelope"/>), Duplicate, AlreadyEnded, or a refusal.</summary>
        public ChunkOutcome Offer(string id, long index, long count, long total, string sha256Hex, string dataBase64)
        {
            if (id == null || id.Length < 1 || id.Length > MaxTransferIdLength || count < 1 || total < 1 || count > total
                || index < 0 || index >= count || !IsSha256Hex(sha256Hex) || dataBase64 == null)
            {
                return ChunkOutcome.BadArguments;
            }
            if (id == _endedId && _ended != null) return ChunkOutcome.AlreadyEnded;
            Expire();
            bool fresh = _id == null;
            if (!fresh)
            {
                if (id != _id) return ChunkOutcome.Busy;
                if (count != _count || total != _total || sha256Hex != _sha256Hex) return ChunkOutcome.Mismatch;
                if (index < _next)
                {
                    // A retransmission (its reply was lost): acknowledged, not written again. The SHA-256 at the end covers every byte.
                    _lastChunkMs = _clock.MonotonicMs;
                    return ChunkOutcome.Duplicate;
                }
                if (index > _next) return ChunkOutcome.Gap;
            }
            else
            {
                if (index != 0) return id == _expiredId ? ChunkOutcome.Expired : ChunkOutcome.Unknown;
                if (total > _maxTotalBytes) return ChunkOutcome.TooLarge;
            }
            byte[] slice = Base64.Decode(dataBase64);
            if (slice == null || slice.Length == 0) return ChunkOutcome.BadArguments;
            int received = fresh ? 0 : _received;
            long after = (long)received + slice.Length;
            bool last = index == count - 1;
            if (last ? after != total : after >= total) return ChunkOutcome.Mismatch;
            if (fresh)
            {
                if (!_store.Begin()) return ChunkOutcome.StagingFailed;
                _id = id;
                _count = (int)count;
                _total = (int)total;
                _sha256Hex = sha256Hex;
                _next = 0;
                _received = 0;
                _expiredId = null;
            }
            if (!_store.Append(slice, 0, slice.Length))
            {
                End();
                return ChunkOutcome.StagingFailed;
            }
            _received = (int)after;
            _next++;
            _lastChunkMs = _clock.MonotonicMs;
            return last ? ChunkOutcome.Complete : ChunkOutcome.Stored;
        }

        /// <summary>
        /// After Complete: reads the staged envelope back, checks its SHA-256 and ends the transfer
        /// (the staging store is discarded either way). Null with outcome HashMismatch or StagingFailed
        /// when it cannot be used. The returned array is transient: the caller verifies and drops it.
        /// </summary>
        public byte[] TakeEnvelope(ISha256 sha, out ChunkOutcome outcome)
        {
            outcome = ChunkOutcome.StagingFailed;
            if (_id == null || _received != _total) return null;
            byte[] envelope = new byte[_total];
            int at = 0;
            while (at < envelope.Length)
            {
                int n = _store.Read(at, envelope, at, envelope.Length - at);
                if (n <= 0) break;
                at += n;
            }
            string expected = _sha256Hex;
            End();
            if (at != envelope.Length) return null;
            byte[] digest = new byte[32];
            sha.Reset();
            sha.Update(envelope, 0, envelope.Length);
            sha.Final(digest, 0);
            if (Hex.Encode(digest, 0, digest.Length) != expected)
            {
                outcome = ChunkOutcome.HashMismatch;
                return null;
            }
            outcome = ChunkOutcome.Complete;
            return envelope;
        }

        /// <summary>Remembers the final answer of the transfer that just ended, repeated to a retransmission of any of its chunks.</summary>
        public void RememberEnd(string id, int count, bool ok, string code, string english, string chinese, string configHash)
        {
            if (_ended == null) _ended = new EndedAnswer();
            _endedId = id;
            _ended.Count = count;
            _ended.Ok = ok;
            _ended.Code = code;
            _ended.English = english;
            _ended.Chinese = chinese;
            _ended.ConfigHash = configHash;
        }

        /// <summary>The remembered final answer (after AlreadyEnded): ok, code, texts, accepted configuration hash.</summary>
        public bool EndedOk { get { return _ended != null && _ended.Ok; } }
        public string EndedCode { get { return _ended == null ? null : _ended.Code; } }
        public string EndedEnglish { get { return _ended == null ? null : _ended.English; } }
        public string EndedChinese { get { return _ended == null ? null : _ended.Chinese; } }
        public string EndedConfigHash { get { return _ended == null ? null : _ended.ConfigHash; } }

        private void End()
        {
            _store.Discard();
            _id = null;
            _sha256Hex = null;
            _count = 0;
            _total = 0;
            _next = 0;
            _received = 0;
        }

        private static bool IsSha256Hex(string s)
        {
            if (s == null || s.Length != 64) return false;
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) return false;
            }
            return true;
        }

        /// <summary>Allocated at the first transfer's end only: a gateway never pushed to carries none of it.</summary>
        private sealed class EndedAnswer
        {
            public int Count;
            public bool Ok;
            public string Code;
            public string English;
            public string Chinese;
            public string ConfigHash;
        }
    }
}
