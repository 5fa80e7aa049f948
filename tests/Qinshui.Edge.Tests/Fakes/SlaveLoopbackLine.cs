using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Modbus;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// A line with simulated slaves on it, on virtual time and without allocating: a request is
/// handed to each slave; the answer becomes readable ResponseDelayMs later. For steady-state
/// allocation tests and scheduler tests.
/// </summary>
public sealed class SlaveLoopbackLine : ISerialLine
{
    private readonly FakeClock _clock;
    private readonly ModbusSlaveDevice[] _slaves;
    private readonly byte[] _pending = new byte[512];
    private int _pendingLength;
    private int _pendingRead;
    private long _pendingAtMs;

    public SlaveLoopbackLine(FakeClock clock, int baudRate, params ModbusSlaveDevice[] slaves)
    {
        _clock = clock;
        BaudRate = baudRate;
        _slaves = slaves;
    }

    public int BaudRate { get; }
    public int BitsPerCharacter => 11;
    public long ResponseDelayMs { get; set; } = 3;
    public long Requests { get; private set; }

    public void DiscardInput()
    {
        if (_pendingAtMs <= _clock.MonotonicMs) _pendingRead = _pendingLength;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        Requests++;
        _pendingLength = 0;
        _pendingRead = 0;
        if (offset != 0) throw new InvalidOperationException("the master writes frames from offset 0");
        foreach (var s in _slaves)
        {
            int n = s.Handle(buffer, count, _pending);
            if (n > 0)
            {
                _pendingLength = n;
                _pendingAtMs = _clock.MonotonicMs + ResponseDelayMs;
                return;
            }
        }
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_pendingRead >= _pendingLength || _clock.MonotonicMs < _pendingAtMs) return 0;
        int n = Math.Min(count, _pendingLength - _pendingRead);
        Array.Copy(_pending, _pendingRead, buffer, offset, n);
        _pendingRead += n;
        return n;
    }
}
