using System.IO.Ports;
using Qinshui.Edge.Tests.Modbus.Peers;

namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// The PN532 on its high-speed UART (UM0701-02 HSU link, 115200 8N1 at power-up) at the far end of a socat pty
/// pair: the binding opens <see cref="HostPort"/> as it would /dev/serial0; a thread reads the
/// other end, feeds <see cref="Pn532Emulator"/> and writes ACK + response back in one write
/// (the binding reads the ACK with one Read of 6 bytes). The answer to the frame that follows the
/// HSU wake-up (0x55 0x55 then zeros) is not sent: the binding discards whatever arrives in the
/// 5 ms after its wake-up, which a real chip's answer does; this thread on a loaded test machine
/// may answer later, and that late answer would be read as the reply to every next command in turn.
/// </summary>
public sealed class Pn532HsuPeer : IDisposable
{
    private readonly PtyPair _pty;
    private readonly SerialPort _port;
    private readonly Thread _thread;
    private volatile bool _stop;
    private bool _wakingUp;

    public Pn532HsuPeer(Pn532Emulator chip)
    {
        Chip = chip;
        _pty = new PtyPair();
        _port = new SerialPort(_pty.B, 115200, Parity.None, 8, StopBits.One) { ReadTimeout = 50 };
        _port.Open();
        _thread = new Thread(Serve) { IsBackground = true, Name = "pn532 hsu peer" };
        _thread.Start();
    }

    public Pn532Emulator Chip { get; }
    public string HostPort => _pty.A;

    private void Serve()
    {
        var buffer = new byte[512];
        while (!_stop)
        {
            int n;
            try
            {
                n = _port.Read(buffer, 0, buffer.Length);
            }
            catch (TimeoutException)
            {
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                return;
            }
            if (n >= 2 && buffer[0] == 0x55 && buffer[1] == 0x55) _wakingUp = true;
            var reply = Chip.Receive(buffer.AsSpan(0, n)).SelectMany(f => f).ToArray();
            if (reply.Length > 0 && _wakingUp)
            {
                _wakingUp = false;
                continue;
            }
            if (reply.Length > 0)
            {
                try { _port.Write(reply, 0, reply.Length); }
                catch (Exception e) when (e is IOException or InvalidOperationException) { return; }
            }
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _port.Dispose();
        _pty.Dispose();
    }
}
