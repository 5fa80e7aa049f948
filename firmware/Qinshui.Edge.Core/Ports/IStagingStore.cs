namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Scratch storage for one document that arrives in pieces (a configuration pushed in chunks,
    /// docs/mqtt.md "Configuration transfer"): a file in flash on the device, a file or memory on
    /// the desktop. The core never holds the whole document in its static RAM: it appends each
    /// verified piece here and reads the whole back once, when the last piece arrived. Written in
    /// order from position 0 (nanoFramework's FileStream cannot seek past the end of a file).
    /// </summary>
    public interface IStagingStore
    {
        /// <summary>Bytes it can hold: the largest document this gateway accepts in pieces.</summary>
        int Capacity { get; }

        /// <summary>Discards whatever is staged and starts an empty document. False when the medium failed.</summary>
        bool Begin();

        /// <summary>Appends count bytes after what is staged. False when the medium failed or Capacity would be exceeded.</summary>
        bool Append(byte[] buffer, int offset, int count);

        /// <summary>Reads up to count staged bytes from position into buffer; returns the bytes read (0 at the end).</summary>
        int Read(int position, byte[] buffer, int offset, int count);

        /// <summary>Forgets the staged document (and frees its flash).</summary>
        void Discard();
    }
}
