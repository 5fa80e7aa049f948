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
        _port.Write(buffer, offset, count);
    }

    public int Read(byte[] buffer, int offset, int count)
    {
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

    public void Dispose()
    {
        _port.Dispose();
    }
}
