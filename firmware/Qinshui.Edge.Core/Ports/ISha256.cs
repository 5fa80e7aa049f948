namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Incremental SHA-256. The core has a portable implementation (Crypto.Sha256) for
    /// nanoFramework; the desktop adapter uses System.Security.Cryptography.
    /// </summary>
    public interface ISha256
    {
        void Reset();
        void Update(byte[] data, int offset, int count);

        /// <summary>Writes the 32-byte digest at offset and resets for the next message.</summary>
        void Final(byte[] digest, int offset);
    }
}
