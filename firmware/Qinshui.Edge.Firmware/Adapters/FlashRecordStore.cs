using System.IO;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The journal's segments as fixed-size files on the internal flash file system (I:\).
    /// Each segment file is created once at its full size filled with 0xFF, so a write is an
    /// overwrite in place (nanoFramework's FileStream cannot seek past the end). nanoFramework
    /// syncs every FileStream write; Flush is kept for the port's contract.
    /// Known cost: nanoFramework's FileStream.Read allocates a temporary buffer per call.
    /// </summary>
    public sealed class FlashRecordStore : IRecordStore
    {
        private const int ChunkBytes = 256;

        private readonly string _directory;
        private readonly byte[] _erased = new byte[ChunkBytes];

        public FlashRecordStore(string directory, int segmentCount, int segmentSize)
        {
            _directory = directory;
            SegmentCount = segmentCount;
            SegmentSize = segmentSize;
            for (int i = 0; i < _erased.Length; i++) _erased[i] = 0xFF;
            if (!Directory.Exists(directory)) Directory.CreateDirectory(directory);
            for (int s = 0; s < segmentCount; s++)
            {
                string path = PathOf(s);
                bool ok = false;
                if (File.Exists(path))
                {
                    FileStream f = new FileStream(path, FileMode.Open, FileAccess.Read);
                    ok = f.Length == segmentSize;
                    f.Dispose();
                }
                if (!ok) Erase(s);
            }
        }

        public int SegmentCount { get; }
        public int SegmentSize { get; }

        public int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
        {
            FileStream f = new FileStream(PathOf(segment), FileMode.Open, FileAccess.Read);
            try
            {
                f.Seek(offset, SeekOrigin.Begin);
                return f.Read(buffer, bufferOffset, count);
            }
            finally
            {
                f.Dispose();
            }
        }

        public void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
        {
            FileStream f = new FileStream(PathOf(segment), FileMode.Open, FileAccess.ReadWrite);
            try
            {
                f.Seek(offset, SeekOrigin.Begin);
                f.Write(buffer, bufferOffset, count);
                f.Flush();
            }
            finally
            {
                f.Dispose();
            }
        }

        public void Erase(int segment)
        {
            FileStream f = new FileStream(PathOf(segment), FileMode.Create, FileAccess.Write);
            try
            {
                for (int written = 0; written < SegmentSize; written += ChunkBytes)
                {
                    int n = SegmentSize - written;
                    f.Write(_erased, 0, n < ChunkBytes ? n : ChunkBytes);
                }
                f.Flush();
            }
            finally
            {
                f.Dispose();
            }
        }

        public void Flush()
        {
            // Every FileStream write is synchronised by nanoFramework (FileStream.Flush is a no-op there).
        }

        private string PathOf(int segment)
        {
            return _directory + "\\seg" + (segment < 10 ? "00" : (segment < 100 ? "0" : "")) + segment + ".bin";
        }
    }
}
