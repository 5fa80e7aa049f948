using Qinshui.Edge.Simulator.Modbus;
using Qinshui.Edge.Simulator.Plant.Bus;

namespace Qinshui.Edge.Simulator.Plant.Modbus;

/// <summary>
/// A <see cref="ModbusSlaveDevice"/> on the virtual RS-485 bus. It collects characters as they
/// arrive and takes a frame as complete after 3.5 character times of silence (Modbus over Serial
/// Line V1.02 §2.5.1.1; fixed 1.750 ms above 19200 baud), as a real slave's UART does. The
/// answer goes back on the wire after a turnaround delay, one character per 11/baud seconds.
/// Before each request <see cref="BeforeRequest"/> refreshes the register tables from the plant.
/// </summary>
public sealed class RtuSlaveOnBus : IBusDevice, IBusAttachable
{
    private readonly VirtualClock _clock;
    private readonly byte[] _frame = new byte[512];
    private readonly byte[] _response = new byte[512];
    private int _length;
    private long _lastByteMicros;
    private IBusTransmitter? _line;

    public RtuSlaveOnBus(ModbusSlaveDevice device, VirtualClock clock)
    {
        Device = device;
        _clock = clock;
    }

    public ModbusSlaveDevice Device { get; }

    /// <summary>Called with the device before a complete frame is handled (refresh registers from the plant).</summary>
    public Action<ModbusSlaveDevice>? BeforeRequest { get; set; }

    /// <summary>Returns true to corrupt the response's CRC (noise on the slave's driver).</summary>
    public Func<bool>? CorruptResponse { get; set; }

    /// <summary>Time between the end of the request and the first response character.</summary>
    public long TurnaroundMicros { get; set; } = 2_000;

    public long FramesReceived { get; private set; }
    public long FramesAnswered { get; private set; }

    public void AttachedTo(IBusTransmitter line) => _line = line;

    public void OnBytes(byte[] buffer, int offset, int count, long atMicros)
    {
        for (int i = 0; i < count; i++)
        {
            if (_length < _frame.Length) _frame[_length++] = buffer[offset + i];
        }
        _lastByteMicros = atMicros;
        long silence = SilenceMicros();
        long stamp = atMicros;
        _clock.ScheduleAt(atMicros + silence, () =>
        {
            // Only the check scheduled by the last character ends the frame.
            if (_lastByteMicros == stamp && _length > 0) EndOfFrame();
        });
    }

    private long SilenceMicros()
    {
        double c = _line?.CharacterMicros ?? 1145.8;
        // Above 19200 baud the silence is fixed at 1.750 ms (STANDARDS.md, signals and protocols).
        return c < 11 * 1_000_000.0 / 19200 ? 1750 : (long)Math.Ceiling(c * 3.5);
    }

    private void EndOfFrame()
    {
        int length = _length;
        _length = 0;
        FramesReceived++;
        BeforeRequest?.Invoke(Device);
        int n = Device.Handle(_frame, length, _response);
        if (n <= 0 || _line == null) return;
        if (CorruptResponse?.Invoke() == true) _response[n - 1] ^= 0xA5;
        FramesAnswered++;
        byte[] copy = new byte[n];
        Array.Copy(_response, copy, n);
        _clock.ScheduleAt(_clock.NowMicros + TurnaroundMicros, () => _line.Transmit(copy, 0, copy.Length));
    }
}
