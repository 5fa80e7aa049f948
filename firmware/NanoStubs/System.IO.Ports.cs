// Package nanoFramework.System.IO.Ports 1.1.132 — declarations only.
// Read from github.com/nanoframework/System.IO.Ports @ v1.1.132 (120049c0):
//   System.IO.Ports/SerialPort.cs, SerialMode.cs, Parity.cs (no Mark/Space), StopBits.cs (no None),
//   Handshake.cs.
namespace System.IO.Ports
{
    public enum Parity { None = 0, Odd = 1, Even = 2 }

    public enum StopBits { One = 1, Two = 2, OnePointFive = 3 }

    public enum Handshake { None, XOnXOff, RequestToSend, RequestToSendXOnXOff }

    public enum SerialMode { Normal, RS485 }

    public sealed class SerialPort : IDisposable
    {
        public SerialPort(string portName, int baudRate = 9600, Parity parity = Parity.None, int dataBits = 8, StopBits stopBits = StopBits.One) { throw null; }
        public void Open() { throw null; }
        public void Close() { throw null; }
        public void Dispose() { throw null; }
        public bool IsOpen { get { throw null; } }
        public SerialMode Mode { get { throw null; } set { throw null; } }
        public Handshake Handshake { get { throw null; } set { throw null; } }
        public int ReadTimeout { get { throw null; } set { throw null; } }
        public int WriteTimeout { get { throw null; } set { throw null; } }
        public int BytesToRead { get { throw null; } }
        public int Read(byte[] buffer, int offset, int count) { throw null; }
        public void Write(byte[] buffer, int offset, int count) { throw null; }
    }
}
