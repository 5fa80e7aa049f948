using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Events
{
    /// <summary>
    /// Writes tamper-evident events: each is a JSON object with the common MQTT header (v, boot id,
    /// message seq, ts: <see cref="Header"/>), its place in the chain (chain_boot: boot counter,
    /// chain_seq: event number in this boot), and the SHA-256 of the previous event ("prev"); its own "hash" is SHA-256 over the
    /// UTF-8 bytes of the object written without the hash member (docs/events.md). The record
    /// goes to the journal (<see cref="IJournalWriter"/>, RecordClass.Event) before anything
    /// else may happen to it. One preallocated buffer: recording allocates nothing.
    /// Usage: <c>JsonWriter w = Begin(...); w.…(extra members); Commit();</c>
    /// </summary>
    public sealed class EventRecorder
    {
        public const int FormatVersion = 1;
        public const int HashSize = 32;
        /// <summary>Bytes of <c>,"hash":"&lt;64 hex&gt;"}</c> replacing the body's closing brace.</summary>
        public const int HashSuffixLength = 75;
        public const int DefaultBufferSize = 8192;

        private static readonly byte[] s_hashName = { (byte)',', (byte)'"', (byte)'h', (byte)'a', (byte)'s', (byte)'h', (byte)'"', (byte)':', (byte)'"' };

        private readonly IJournalWriter _journal;
        private readonly ISha256 _sha;
        private readonly IClock _clock;
        private readonly string _bootId;
        private readonly long _bootCounter;
        private readonly byte[] _buffer;
        private readonly JsonWriter _writer;
        private readonly byte[] _prevHash = new byte[HashSize];
        private readonly byte[] _digest = new byte[HashSize];
        private readonly int _maxLength;
        private bool _open;
        private int _length;
        private IMessageHeader _header;
        /// <summary>Header numbers events took while no <see cref="Header"/> was attached.</summary>
        private long _ownHeaderSequence;

        /// <param name="previousHash">Hash of the last event journalled before this boot (32 bytes), or null to start a chain (all zeros).</param>
        public EventRecorder(IJournalWriter journal, ISha256 sha, IClock clock, long bootCounter, string bootId,
            byte[] previousHash, int bufferSize)
            : this(journal, sha, clock, bootCounter, bootId, previousHash, new JsonWriter(new byte[bufferSize < 1024 ? 1024 : bufferSize]), bufferSize < 1024 ? 1024 : bufferSize)
        {
        }

        /// <param name="writer">
        /// A writer over a buffer that may be shared (the gateway's MQTT payload buffer, docs/memory.md): an
        /// event is written and journalled between Begin and Commit and nothing stays in the buffer after.
        /// </param>
        /// <param name="maxEventBytes">The longest event (one journal record); longer ones are counted as overflows.</param>
        public EventRecorder(IJournalWriter journal, ISha256 sha, IClock clock, long bootCounter, string bootId,
            byte[] previousHash, JsonWriter writer, int maxEventBytes)
        {
            _journal = journal;
            _sha = sha;
            _clock = clock;
            _bootCounter = bootCounter;
            _bootId = bootId == null ? "" : bootId;
            if (previousHash != null && previousHash.Length == HashSize)
            {
                for (int i = 0; i < HashSize; i++) _prevHash[i] = previousHash[i];
            }
            _writer = writer;
            _buffer = writer.Buffer;
            _maxLength = maxEventBytes < _buffer.Length ? maxEventBytes : _buffer.Length;
        }

        public long BootCounter { get { return _bootCounter; } }

        /// <summary>
        /// Where the common header's sequence number comes from (the gateway's MessageWriter: one counter
        /// over every kind). Unset, events number themselves (their chain index), as a lone event log does.
        /// Set it before the first event, or the writer continues after the numbers events already used.
        /// </summary>
        public IMessageHeader Header
        {
            get { return _header; }
            set
            {
                _header = value;
                if (value != null) value.SkipTo(_ownHeaderSequence);
            }
        }
        /// <summary>Told each new chain head right after its event is journalled (a host saves it durably); null: nobody.</summary>
        public IEventChainStore ChainStore { get; set; }

        /// <summary>The writer of the event being built (between Begin and Commit).</summary>
        public JsonWriter Writer { get { return _writer; } }

        /// <summary>Sequence number of the last event journalled in this boot (0 before the first).</summary>
        public long Sequence { get; private set; }

        /// <summary>Events that could not be journalled (journal refused them).</summary>
        public long JournalFailures { get; private set; }

        /// <summary>Events that did not fit the buffer (a configuration sizing error; counted, never sent truncated).</summary>
        public long Overflows { get; private set; }

        /// <summary>The last record journalled: its bytes are buffer[0 .. LastLength) until the buffer's next user writes.</summary>
        public byte[] LastBuffer { get { return _buffer; } }
        public int LastLength { get { return _length; } }

        /// <summary>Copies the hash of the last journalled event (the next event's "prev").</summary>
        public void CopyLastHash(byte[] destination, int offset)
        {
            for (int i = 0; i < HashSize; i++) destination[offset + i] = _prevHash[i];
        }

        /// <summary>Starts an event and writes its header; the caller adds members and calls Commit.</summary>
        public JsonWriter Begin(EventKind kind, string subject, string reasonCode, string english, string chinese)
        {
            return Begin(EventKinds.Code(kind), subject, reasonCode, english, chinese);
        }

        /// <summary>Starts an event of a kind named by its code (gateway-level events: commands, clock).</summary>
        public JsonWriter Begin(string kindCode, string subject, string reasonCode, string english, string chinese)
        {
            _open = true;
            _length = 0;
            _writer.Reset(_buffer, 0, _maxLength - HashSuffixLength);
            _writer.StartObject();
            if (_header != null) _header.WriteHeader(_writer, _clock.UtcMs);
            else
            {
                _writer.Integer("v", FormatVersion);
                _writer.String("boot", _bootId);
                _writer.Integer("seq", ++_ownHeaderSequence);
                _writer.Integer("ts", _clock.UtcMs);
            }
            _writer.Integer("chain_boot", _bootCounter);
            _writer.Integer("chain_seq", Sequence + 1);
            _writer.Integer("monoMs", _clock.MonotonicMs);
            _writer.Bool("clockTrusted", _clock.IsTrusted);
            _writer.String("kind", kindCode);
            _writer.String("subject", subject);
            _writer.String("reason", reasonCode);
            _writer.String("en", english);
            _writer.String("zh", chinese);
            return _writer;
        }

        /// <summary>
        /// Closes the event with "prev", computes "hash", journals it. Returns false (and counts)
        /// when it overflowed or the journal refused it; the chain then does not advance.
        /// </summary>
        public bool Commit()
        {
            if (!_open) return false;
            _open = false;
            _writer.Hex("prev", _prevHash, 0, HashSize);
            _writer.EndObject();
            if (_writer.Overflowed || _writer.Depth != 0)
            {
                Overflows++;
                GiveBackHeaderSequence();
                return false;
            }
            int body = _writer.Length;
            _sha.Reset();
            _sha.Update(_buffer, 0, body);
            _sha.Final(_digest, 0);
            // Replace the closing brace with ,"hash":"…"} (the hash member is always last).
            int p = body - 1;
            for (int i = 0; i < s_hashName.Length; i++) _buffer[p++] = s_hashName[i];
            for (int i = 0; i < HashSize; i++)
            {
                _buffer[p++] = HexDigit(_digest[i] >> 4);
                _buffer[p++] = HexDigit(_digest[i] & 15);
            }
            _buffer[p++] = (byte)'"';
            _buffer[p++] = (byte)'}';
            _length = p;
            if (!_journal.Append(RecordClass.Event, _buffer, 0, p))
            {
                JournalFailures++;
                GiveBackHeaderSequence();
                return false;
            }
            Sequence++;
            for (int i = 0; i < HashSize; i++) _prevHash[i] = _digest[i];
            if (ChainStore != null) ChainStore.ChainAdvanced(_prevHash);
            return true;
        }

        /// <summary>An event not journalled is never sent: its header number goes back, or the platform sees a false gap.</summary>
        private void GiveBackHeaderSequence()
        {
            if (_header != null) _header.ReleaseLastSequence();
            else if (_ownHeaderSequence > 0) _ownHeaderSequence--;
        }

        private static byte HexDigit(int n) { return (byte)(n < 10 ? '0' + n : 'a' + n - 10); }
    }
}
