using System.Diagnostics;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Modbus;

/// <summary>
/// Puts one or more <see cref="ModbusSlaveDevice"/>s on a serial line (a pty, a dongle) and
/// answers requests on a background thread until disposed. A request ends when it has the
/// length its header announces or when the line falls silent; a request that never completes is
/// dropped after the silence (Serial Line §2.5.1.1).
/// </summary>
public sealed class ModbusSlaveHost : IDisposable
{
    private readonly ISerialLine _line;
    private readonly ModbusSlaveDevice[] _devices;
    private readonly Thread _thread;
    private volatile bool _stop;

    public ModbusSlaveHost(ISerialLine line, params ModbusSlaveDevice[] devices)
    {
        _line = line;
        _devices = devices;
        _thread = new Thread(Run) { IsBackground = true, Name = "modbus-slave" };
        _thread.Start();
    }

    /// <summary>How long an incomplete request may pause before it is dropped (desktop ptys deliver in pieces).</summary>
    public int IncompleteGapMs { get; init; } = 20;

    public long FramesDropped { get; private set; }

    private void Run()
    {
        var rx = new byte[RtuFrame.MaxFrameLength + 64];
        var tx = new byte[RtuFrame.MaxFrameLength];
        int have = 0;
        long lastByte = Stopwatch.GetTimestamp();
        while (!_stop)
        {
            int n = 0;
            try
            {
                n = _line.Read(rx, have, rx.Length - have);
            }
            catch (Exception) when (_stop)
            {
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(5);
                continue;
            }
            if (n > 0)
            {
                have += n;
                lastByte = Stopwatch.GetTimestamp();
            }
            while (have > 0)
            {
                int need = ModbusSlaveDevice.RequestLength(rx, have);
                if (need > 0 && have >= need)
                {
                    Dispatch(rx, need, tx);
                    Array.Copy(rx, need, rx, 0, have - need);
                    have -= need;
                    continue;
                }
                if (Stopwatch.GetElapsedTime(lastByte).TotalMilliseconds >= IncompleteGapMs || have >= rx.Length)
                {
                    FramesDropped++;
                    have = 0;
                }
                break;
            }
            if (n == 0) Thread.Sleep(have > 0 ? 0 : 1);
        }
    }

    private void Dispatch(byte[] frame, int length, byte[] tx)
    {
        if (!Crc16.Check(frame, length))
        {
            FramesDropped++;
            return;
        }
        foreach (var d in _devices)
        {
            int n = d.Handle(frame, length, tx);
            if (n > 0)
            {
                _line.Write(tx, 0, n);
                return;
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(2000);
    }
}
