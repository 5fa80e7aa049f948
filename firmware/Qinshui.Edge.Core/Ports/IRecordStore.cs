namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Raw persistent storage for the journal: a fixed number of fixed-size segments
    /// (flash sectors on the device, files on the desktop). Writes may be torn by a power cut.
    /// </summary>
    public interface IRecordStore
    {
        int SegmentCount { get; }
        int SegmentSize { get; }

        /// <summary>Reads count bytes at offset of a segment into buffer; returns the bytes read.</summary>
        int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Writes bytes at offset of a segment (append within a segment).</summary>
        void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count);

        /// <summary>Erases a whole segment (all bytes 0xFF, as flash).</summary>
        void Erase(int segment);

        /// <summary>Makes previous writes durable.</summary>
        void Flush();
    }
}
