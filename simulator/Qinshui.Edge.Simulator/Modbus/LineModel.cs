using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Modbus;

/// <summary>
/// A computed RS-485 line on virtual microsecond time: bytes take their character time on the
/// wire, the slave answers after detecting the end of the request (3.5 characters of silence,
/// Serial Line §2.5.1.1), and the master is stepped like a scan loop and sees the time only in
/// whole milliseconds through its clock port, as on the gateway. It measures how much of the
/// theoretical line rate the master achieves.
/// </summary>
public sealed class LineModel : ISerialLine, IClock
{
    private readonly ModbusSlaveDevice _slave;
    private readonly long _charUs;
    private readonly long _silenceUs;
    private readonly byte[] _response = new byte[RtuFrame.MaxFrameLength];
    private int _responseLength;
    private int _responseRead;
    private long _responseStartUs;
    private long _busyUntilUs;

    public LineModel(int baudRate, int bitsPerCharacter, ModbusSlaveDevice slave)
    {
        BaudRate = baudRate;
        BitsPerCharacter = bitsPerCharacter;
        _slave = slave;
        _charUs = ModbusTiming.CharacterMicros(baudRate, bitsPerCharacter);
        _silenceUs = ModbusTiming.SilenceMicros(baudRate, bitsPerCharacter);
    }

    public long NowUs { get; private set; }
    public int BaudRate { get; }
    public int BitsPerCharacter { get; }
    public long MonotonicMs => NowUs / 1000;
    public long UtcMs => NowUs / 1000;
    public bool IsTrusted => true;

    public void Advance(long us) => NowUs += us;

    public void DiscardInput() { }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (NowUs < _busyUntilUs) throw new InvalidOperationException("master transmitted while the line was busy");
        long requestEndUs = NowUs + count * _charUs;
        _busyUntilUs = requestEndUs;
        var frame = buffer.AsSpan(offset, count).ToArray();
        _responseLength = _slave.Handle(frame, count, _response);
        _responseRead = 0;
        _responseStartUs = requestEndUs + _silenceUs;
        if (_responseLength > 0) _busyUntilUs = _responseStartUs + _responseLength * _charUs;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        int n = 0;
        // Byte i is complete at start + (i + 1) character times.
        while (n < count && _responseRead < _responseLength && NowUs >= _responseStartUs + (_responseRead + 1) * _charUs)
        {
            buffer[offset + n++] = _response[_responseRead++];
        }
        return n;
    }

    /// <summary>
    /// Runs transactions reading registers back to back for simulatedSeconds; returns
    /// (transactions per second achieved, theoretical maximum, ratio).
    /// </summary>
    public static (double Achieved, double Theoretical, double Ratio) Measure(int baud, int registers, double simulatedSeconds, long stepUs = 50, bool microsecondClock = false)
    {
        var slave = new ModbusSlaveDevice(1, 200);
        var line = new LineModel(baud, 11, slave);
        IClock clock = microsecondClock ? new MicrosecondView(line) : line;
        var master = new ModbusMaster(line, clock, new ModbusTiming(baud, 11, 100, 0, 100));
        var t = new ModbusTransaction(registers, 1);
        long endUs = (long)(simulatedSeconds * 1_000_000);
        long done = 0;
        while (line.NowUs < endUs)
        {
            if (!master.IsBusy)
            {
                t.SetRead(1, FunctionCode.ReadHoldingRegisters, 0, registers);
                master.Start(t);
            }
            if (master.Step() == ModbusStatus.Ok && !master.IsBusy) done++;
            line.Advance(stepUs);
        }
        // Theoretical: request and response on the wire, each followed by the 3.5-character silence.
        int chars = RtuFrame.RequestLength(3, registers) + RtuFrame.ResponseLength(3, registers);
        long minUs = chars * ModbusTiming.CharacterMicros(baud, 11) + 2 * ModbusTiming.SilenceMicros(baud, 11);
        double theoretical = 1_000_000.0 / minUs;
        double achieved = done / simulatedSeconds;
        return (achieved, theoretical, achieved / theoretical);
    }

    /// <summary>
    /// The device-faithful figure: the master stepped at the wakes of the device's bus thread
    /// (<see cref="ModbusDriveModel"/>: every tick, not while the scan holds the CPU), on the µs
    /// clock the ESP32 has, against a slave answering 3.5 characters after the request; registers
    /// read back to back for simulatedSeconds. Returns (achieved, line maximum, ratio).
    /// </summary>
    public static (double Achieved, double Theoretical, double Ratio) MeasureDevice(int baud, int registers, double simulatedSeconds, ModbusDriveModel drive)
    {
        var slave = new ModbusSlaveDevice(1, 200);
        var line = new LineModel(baud, 11, slave);
        var master = new ModbusMaster(line, new MicrosecondView(line), new ModbusTiming(baud, 11, 100, 0, 100));
        var t = new ModbusTransaction(registers, 1);
        long endUs = (long)(simulatedSeconds * 1_000_000);
        long done = 0;
        line.NowUs = drive.NextWakeUs(0);
        while (line.NowUs < endUs)
        {
            if (!master.IsBusy)
            {
                t.SetRead(1, FunctionCode.ReadHoldingRegisters, 0, registers);
                master.Start(t);
            }
            if (master.Step() == ModbusStatus.Ok && !master.IsBusy) done++;
            // A finished transaction starts the next one in the same wake, as the poller does.
            if (!master.IsBusy) continue;
            line.NowUs = drive.NextWakeUs(line.NowUs + 1);
        }
        double theoretical = LineMaximum(baud, registers);
        double achieved = done / simulatedSeconds;
        return (achieved, theoretical, achieved / theoretical);
    }

    /// <summary>Transactions per second the wire allows: request and response, each followed by 3.5 characters of silence, 11-bit characters.</summary>
    public static double LineMaximum(int baud, int registers)
    {
        int chars = RtuFrame.RequestLength(3, registers) + RtuFrame.ResponseLength(3, registers);
        return 1_000_000.0 / (chars * ModbusTiming.CharacterMicros(baud, 11) + 2 * ModbusTiming.SilenceMicros(baud, 11));
    }

    /// <summary>The same line time offered with microseconds (IMicrosecondClock), as the desktop Stopwatch can.</summary>
    private sealed class MicrosecondView(LineModel line) : IClock, IMicrosecondClock
    {
        public long MonotonicMs => line.MonotonicMs;
        public long UtcMs => line.UtcMs;
        public bool IsTrusted => true;
        public long MonotonicMicros => line.NowUs;
    }
}
