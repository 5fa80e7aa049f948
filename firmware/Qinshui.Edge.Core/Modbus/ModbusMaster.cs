using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Modbus RTU master as a non-blocking state machine: <see cref="Start"/> a transaction,
    /// then call <see cref="Step"/> from the scan until the transaction's Status is no longer
    /// Pending. It never blocks or sleeps; time comes from the clock port.
    ///
    /// Framing follows Modbus over Serial Line V1.02 §2.5.1.1: a request goes out only after the
    /// line has been silent for 3.5 characters (1.75 ms above 19200 baud); a response ends with
    /// such a silence, so bytes after a complete frame make it too long, not ignored. After a
    /// broadcast the next request waits the turnaround delay (§2.4.1).
    /// </summary>
    public sealed class ModbusMaster
    {
        private const int StateIdle = 0;
        private const int StateGap = 1;
        private const int StateAwaitFirstByte = 2;
        private const int StateReceiving = 3;

        /// <summary>
        /// A frame that stops short of the length its header announces is waited for this long
        /// (at least the inter-frame silence) before it is judged truncated: desktop ptys and
        /// USB dongles deliver a frame in pieces with gaps longer than 3.5 characters.
        /// </summary>
        public const int IncompleteFrameGapMs = 20;

        private readonly ISerialLine _line;
        private readonly IClock _clock;
        private readonly IMicrosecondClock _micro;
        private readonly long _silenceUs;
        private readonly ModbusTiming _timing;
        private readonly byte[] _tx;
        private readonly byte[] _rx = new byte[RtuFrame.MaxFrameLength + 1];
        // Only drains stray bytes (a loop of reads): small, as every byte of heap counts on the device.
        private readonly byte[] _scratch = new byte[16];
        private int _txLength;
        private int _rxLength;
        private bool _rxOverflow;
        private int _state;
        private ModbusTransaction _current;
        // Internal times are microseconds: from IMicrosecondClock where the clock has it, else
        // milliseconds × 1000 with every interval rounded up to whole milliseconds (ModbusTiming).
        private long _lastActivityUs;
        private long _earliestSendUs;
        private long _deadlineUs;
        private long _lastRxUs;
        private long _firstRxUs;
        private long _incompleteGapUs;

        public ModbusMaster(ISerialLine line, IClock clock, ModbusTiming timing)
            : this(line, clock, timing, RtuFrame.MaxFrameLength)
        {
        }

        /// <summary>
        /// A master whose requests are at most <paramref name="maxRequestBytes"/> long (a poller's
        /// reads are 8 bytes: ModbusPoller.MaxRequestBytes); a longer request is refused as
        /// InvalidRequest. Saves the rest of the 256-byte request buffer on the device.
        /// </summary>
        public ModbusMaster(ISerialLine line, IClock clock, ModbusTiming timing, int maxRequestBytes)
        {
            _tx = new byte[maxRequestBytes < 8 ? 8 : maxRequestBytes > RtuFrame.MaxFrameLength ? RtuFrame.MaxFrameLength : maxRequestBytes];
            _line = line;
            _clock = clock;
            _micro = clock as IMicrosecondClock;
            _timing = timing;
            _silenceUs = _micro != null ? timing.InterFrameSilenceUs : timing.InterFrameSilenceMs * 1000L;
            _lastActivityUs = Now();
            _earliestSendUs = _lastActivityUs;
            _incompleteGapUs = IncompleteFrameGapMs * 1000L;
            if (_incompleteGapUs < _silenceUs) _incompleteGapUs = _silenceUs;
        }

        public ModbusTiming Timing { get { return _timing; } }

        public bool IsBusy { get { return _state != StateIdle; } }

        /// <summary>The last request frame sent (for diagnostics: qedge modbus --verbose).</summary>
        public byte[] RequestBuffer { get { return _tx; } }
        public int RequestLength { get { return _txLength; } }

        /// <summary>The last response bytes received, as received (may be a bad frame).</summary>
        public byte[] ResponseBuffer { get { return _rx; } }
        public int ResponseLength { get { return _rxLength; } }

        /// <summary>Counters since start-up.</summary>
        public long TransactionCount { get; private set; }
        public long FailureCount { get; private set; }
        /// <summary>Transactions that ended without an answer (after retries): health bus.timeouts.</summary>
        public long TimeoutCount { get; private set; }
        /// <summary>Transactions that ended on a response failing its CRC (after retries): health bus.crc_errors.</summary>
        public long CrcErrorCount { get; private set; }
        /// <summary>Transactions the slave answered with an exception: health bus.exceptions.</summary>
        public long ExceptionCount { get; private set; }

        /// <summary>
        /// Starts a transaction. False (and Status = InvalidRequest) when the request breaks the
        /// protocol's limits or the transaction's buffers; false with Status untouched while busy.
        /// </summary>
        public bool Start(ModbusTransaction transaction)
        {
            if (_state != StateIdle) return false;
            long now = Now();
            transaction.Status = ModbusStatus.Pending;
            transaction.ExceptionCode = 0;
            transaction.Attempts = 0;
            if (!Build(transaction))
            {
                transaction.Status = ModbusStatus.InvalidRequest;
                transaction.CompletedMs = now / 1000;
                return false;
            }
            _current = transaction;
            _state = StateGap;
            return true;
        }

        private bool Build(ModbusTransaction t)
        {
            int f = t.Function;
            if (!FunctionCode.IsSupported(f)) return false;
            if (t.Unit > 247) return false;
            if (t.Unit == 0 && FunctionCode.IsRead(f)) return false; // a broadcast gets no reply: reads make no sense
            if (!RtuFrame.IsValidQuantity(f, t.Address, t.Quantity)) return false;
            if (RtuFrame.RequestLength(f, t.Quantity) > _tx.Length) return false;
            switch (f)
            {
                case FunctionCode.ReadCoils:
                case FunctionCode.ReadDiscreteInputs:
                    if (t.Bits.Length < t.Quantity) return false;
                    _txLength = RtuFrame.BuildRead(_tx, t.Unit, t.Function, t.Address, t.Quantity);
                    return true;
                case FunctionCode.ReadHoldingRegisters:
                case FunctionCode.ReadInputRegisters:
                    if (t.Registers.Length < t.Quantity) return false;
                    _txLength = RtuFrame.BuildRead(_tx, t.Unit, t.Function, t.Address, t.Quantity);
                    return true;
                case FunctionCode.WriteSingleCoil:
                    if (t.Bits.Length < 1) return false;
                    _txLength = RtuFrame.BuildWriteSingleCoil(_tx, t.Unit, t.Address, t.Bits[0]);
                    return true;
                case FunctionCode.WriteSingleRegister:
                    if (t.Registers.Length < 1) return false;
                    _txLength = RtuFrame.BuildWriteSingleRegister(_tx, t.Unit, t.Address, t.Registers[0]);
                    return true;
                case FunctionCode.WriteMultipleCoils:
                    if (t.Bits.Length < t.Quantity) return false;
                    _txLength = RtuFrame.BuildWriteMultipleCoils(_tx, t.Unit, t.Address, t.Bits, 0, t.Quantity);
                    return true;
                default:
                    if (t.Registers.Length < t.Quantity) return false;
                    _txLength = RtuFrame.BuildWriteMultipleRegisters(_tx, t.Unit, t.Address, t.Registers, 0, t.Quantity);
                    return true;
            }
        }

        /// <summary>Advances the current transaction; call every scan. Returns its status (Pending while busy).</summary>
        public ModbusStatus Step()
        {
            long now = Now();
            switch (_state)
            {
                case StateIdle:
                    // Stray bytes between transactions (late replies, noise) count as bus activity.
                    if (Drain() > 0) _lastActivityUs = now;
                    return ModbusStatus.Pending;
                case StateGap:
                    if (Drain() > 0) _lastActivityUs = now;
                    if (now - _lastActivityUs >= _silenceUs && now >= _earliestSendUs) Send(now);
                    break;
                case StateAwaitFirstByte:
                    if (Receive() > 0)
                    {
                        _firstRxUs = now;
                        _lastRxUs = now;
                        _state = StateReceiving;
                    }
                    else if (now >= _deadlineUs)
                    {
                        Fail(ModbusStatus.Timeout, now);
                    }
                    break;
                default:
                    if (Receive() > 0) _lastRxUs = now;
                    long silentUs = now - _lastRxUs;
                    if (silentUs >= _silenceUs && (_rxLength >= ExpectedLength() || silentUs >= _incompleteGapUs))
                    {
                        _lastActivityUs = _lastRxUs;
                        Finish(now);
                    }
                    else if (now - _firstRxUs > FrameUs(RtuFrame.MaxFrameLength) + _incompleteGapUs)
                    {
                        // A line that never falls silent (babbling slave, noise) is a fault, not a wait.
                        _lastActivityUs = now;
                        Fail(ModbusStatus.BadLength, now);
                    }
                    break;
            }
            return _current == null ? ModbusStatus.Pending : _current.Status;
        }

        private long Now()
        {
            return _micro != null ? _micro.MonotonicMicros : _clock.MonotonicMs * 1000L;
        }

        private long FrameUs(int bytes)
        {
            return _micro != null ? _timing.FrameMicros(bytes) : _timing.FrameMs(bytes) * 1000L;
        }

        private int ExpectedLength()
        {
            if (_rxLength >= 2 && (_rx[1] & FunctionCode.ExceptionFlag) != 0) return RtuFrame.ExceptionLength;
            return RtuFrame.ResponseLength(_current.Function, _current.Quantity);
        }

        private void Send(long now)
        {
            _line.DiscardInput();
            _line.Write(_tx, 0, _txLength);
            _current.Attempts++;
            long txEndUs = now + FrameUs(_txLength);
            _lastActivityUs = txEndUs;
            if (_current.IsBroadcast)
            {
                _earliestSendUs = txEndUs + _timing.TurnaroundDelayMs * 1000L;
                Complete(ModbusStatus.Ok, now);
                return;
            }
            _earliestSendUs = txEndUs;
            _rxLength = 0;
            _rxOverflow = false;
            _deadlineUs = txEndUs + _timing.ResponseTimeoutMs * 1000L;
            _state = StateAwaitFirstByte;
        }

        private void Finish(long now)
        {
            if (_rxOverflow)
            {
                Fail(ModbusStatus.BadLength, now);
                return;
            }
            RtuResponse r;
            RtuFrame.TryParseResponse(_tx, _txLength, _rx, _rxLength, out r);
            ModbusTransaction t = _current;
            if (r.Status == ModbusStatus.Ok)
            {
                if (FunctionCode.IsRegisterRead(t.Function)) RtuFrame.CopyRegisters(_rx, r, t.Registers, 0);
                else if (FunctionCode.IsBitRead(t.Function)) RtuFrame.CopyBits(_rx, r, t.Quantity, t.Bits, 0);
                Complete(ModbusStatus.Ok, now);
            }
            else if (r.Status == ModbusStatus.Exception)
            {
                // An exception is the slave's definite answer: no retry.
                t.ExceptionCode = r.ExceptionCode;
                FailureCount++;
                Complete(ModbusStatus.Exception, now);
            }
            else
            {
                Fail(r.Status, now);
            }
        }

        private void Fail(ModbusStatus status, long now)
        {
            if (_current.Attempts <= _timing.Retries)
            {
                _state = StateGap;
                return;
            }
            FailureCount++;
            Complete(status, now);
        }

        private void Complete(ModbusStatus status, long now)
        {
            _current.Status = status;
            _current.CompletedMs = now / 1000;
            TransactionCount++;
            if (status == ModbusStatus.Timeout) TimeoutCount++;
            else if (status == ModbusStatus.BadCrc) CrcErrorCount++;
            else if (status == ModbusStatus.Exception) ExceptionCount++;
            _state = StateIdle;
        }

        private int Receive()
        {
            int total = 0;
            while (true)
            {
                int space = _rx.Length - _rxLength;
                int n;
                if (space <= 0)
                {
                    n = _line.Read(_scratch, 0, _scratch.Length);
                    if (n > 0) _rxOverflow = true;
                }
                else
                {
                    n = _line.Read(_rx, _rxLength, space);
                    _rxLength += n;
                }
                if (n <= 0) return total;
                total += n;
            }
        }

        private int Drain()
        {
            int total = 0;
            while (true)
            {
                int n = _line.Read(_scratch, 0, _scratch.Length);
                if (n <= 0) return total;
                total += n;
            }
        }
    }
}
