using System.IO.Ports;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Serial;

/// <summary>
/// ISerialLine over System.IO.Ports: USB–RS-485 dongles (which switch direction themselves)
/// and ptys. Reads never block: only what has already arrived is returned.
/// </summary>
public sealed class SerialPortLine : ISerialLine, IDisposable
{
    private readonly SerialPort _port;
    /// <summary>Direct tty I/O on Linux (LinuxTtyIo); null elsewhere: SerialPort's own I/O.</summary>
    private readonly LinuxTtyIo? _tty;

    public SerialPortLine(string portName, int baudRate, Parity parity, StopBits stopBits = StopBits.One)
    {
        _port = new SerialPort(portName, baudRate, parity, 8, stopBits)
        {
            Handshake = Handshake.None,
            ReadTimeout = 1,
            WriteTimeout = 2000,
            ReadBufferSize = 4096,
        };
        _port.Open();
        _tty = LinuxTtyIo.TryOpen(portName);
        BaudRate = baudRate;
        // start + 8 data + parity + stop(s); Modbus RTU asks for 11 bits (no parity → 2 stop bits), 8N1 devices use 10.
        BitsPerCharacter = 1 + 8 + (parity == Parity.None ? 0 : 1) + (stopBits == StopBits.Two ? 2 : 1);
    }

    public int BaudRate { get; }
    public int BitsPerCharacter { get; }

    public static Parity ParseParity(string name) => name switch
    {
        "none" => Parity.None,
        "even" => Parity.Even,
        "odd" => Parity.Odd,
        _ => throw new ArgumentException($"parity '{name}' is not none, even or odd"),
    };

    public void DiscardInput()
    {
        _port.DiscardInBuffer();
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (_tty != null) _tty.Write(buffer, offset, count);
        else _port.Write(buffer, offset, count);
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_tty != null) return _tty.Read(buffer, offset, count);
        int available = _port.BytesToRead;
        if (available <= 0 || count <= 0) return 0;
        try
        {
            return _port.Read(buffer, offset, Math.Min(available, count));
        }
        catch (TimeoutException)
        {
            // On Linux BytesToRead (FIONREAD) can run ahead of what SerialStream hands out within
            // ReadTimeout; the bytes are read on the next call.
            return 0;
        }
    }

    /// <summary>Waits until input arrives or timeoutMs passes: poll(2) on Linux, a 1 ms sleep elsewhere.</summary>
    public void WaitForInput(int timeoutMs)
    {
        if (_tty != null) _tty.WaitReadable(timeoutMs);
        else Thread.Sleep(1);
    }

    public void Dispose()
    {
        _tty?.Dispose();
        _port.Dispose();
    }
}
