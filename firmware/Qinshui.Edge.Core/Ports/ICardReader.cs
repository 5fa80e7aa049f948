namespace Qinshui.Edge.Core.Ports
{
    /// <summary>An RFID card reader (MFRC522, PN532, a UART reader). Non-blocking.</summary>
    public interface ICardReader
    {
        /// <summary>Returns the UID (hex, upper case) of one card tapped since the last call.</summary>
        bool TryTakeTap(out string cardUid);
    }
}
