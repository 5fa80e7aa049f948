using System.Diagnostics;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Modbus.Peers;

public enum RelayFault
{
    None,
    BadCrc,
    WrongAddress,
    Truncated,
    ExtraBytes,
}

/// <summary>
/// Sits between two pty pairs: requests pass unchanged from the master's side to the slave's;
/// each response (framed by its length) is corrupted by the armed fault before it goes back.
/// </summary>
public sealed class FaultInjectingRelay : IDisposable
{
    private readonly ISerialLine _masterSide;
    private readonly ISerialLine _slaveSide;
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _faultsLeft;
    private RelayFault _fault;

    public FaultInjectingRelay(ISerialLine masterSide, ISerialLine slaveSide)
    {
        _masterSide = masterSide;
        _slaveSide = slaveSide;
        _thread = new Thread(Run) { IsBackground = true, Name = "modbus-fault-relay" };
        _thread.Start();
    }

    public int Corrupted { get; private set; }

    /// <summary>Corrupts the next count responses with fault.</summary>
    public void Arm(RelayFault fault, int count)
    {
        lock (this)
        {
            _fault = fault;
            _faultsLeft = count;
        }
    }

    private void Run()
    {
        var up = new byte[512];
        var down = new byte[512];
        int have = 0;
        long last = 0;
        while (!_stop)
        {
            int n = _masterSide.Read(up, 0, up.Length);
            if (n > 0) _slaveSide.Write(up, 0, n);
            int m = _slaveSide.Read(down, have, down.Length - have - 4);
            if (m > 0)
            {
                have += m;
                last = Stopwatch.GetTimestamp();
            }
            // A response is complete at the length its header announces (robust on a loaded machine,
            // where a pty can deliver a frame in pieces); a fragment is passed on after 50 ms.
            if (have > 0 && (have >= ResponseLength(down, have) || Stopwatch.GetElapsedTime(last).TotalMilliseconds >= 50))
            {
                have = Corrupt(down, have);
                _masterSide.Write(down, 0, have);
                have = 0;
            }
            if (n == 0 && m == 0) Thread.Sleep(1);
        }
    }

    private static int ResponseLength(byte[] f, int have)
    {
        if (have < 3) return int.MaxValue;
        if ((f[1] & 0x80) != 0) return 5;
        return f[1] is >= 1 and <= 4 ? 5 + f[2] : 8;
    }

    private int Corrupt(byte[] f, int n)
    {
        RelayFault fault;
        lock (this)
        {
            if (_faultsLeft <= 0) return n;
            _faultsLeft--;
            fault = _fault;
        }
        Corrupted++;
        switch (fault)
        {
            case RelayFault.BadCrc:
                f[n - 1] ^= 0x5A;
                return n;
            case RelayFault.WrongAddress:
                f[0] = (byte)(f[0] == 247 ? 1 : f[0] + 1);
                return Crc16.Append(f, n - 2);
            case RelayFault.Truncated:
                return n - 3;
            case RelayFault.ExtraBytes:
                f[n] = 0x00;
                f[n + 1] = 0xFF;
                return n + 2;
            default:
                return n;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(2000);
    }
}
