namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// An RS-485 half-duplex line. The adapter handles direction switching (RTS/DE);
    /// the core sees bytes written and bytes available, never blocking.
    /// </summary>
    public interface ISerialLine
    {
        int BaudRate { get; }

        /// <summary>Bits per character on the wire including start, parity and stop bits (11 for Modbus RTU).</summary>
        int BitsPerCharacter { get; }

        /// <summary>Discards anything received and not yet read.</summary>
        void DiscardInput();

        /// <summary>Queues bytes for transmission; returns at once.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Copies up to count received bytes; returns how many were copied (0 if none).</summary>
        int Read(byte[] buffer, int offset, int count);
    }
}
