using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// The journal's record store as one file of SegmentCount × SegmentSize bytes (created erased,
/// all 0xFF, like flash). Flush goes to the disk (fsync), so a record is durable when the journal says so.
/// </summary>
public sealed class FileRecordStore : IRecordStore, IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _erased;

    public FileRecordStore(string path, int segmentCount, int segmentSize)
    {
        SegmentCount = segmentCount;
        SegmentSize = segmentSize;
        _erased = new byte[segmentSize];
        Array.Fill(_erased, (byte)0xFF);
        bool fresh = !File.Exists(path);
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.RandomAccess);
        long size = (long)segmentCount * segmentSize;
        if (fresh || _file.Length != size)
        {
            // A store of another geometry is not ours to interpret: start erased.
            _file.SetLength(0);
            for (int s = 0; s < segmentCount; s++) _file.Write(_erased, 0, segmentSize);
            _file.Flush(true);
        }
    }

    public int SegmentCount { get; }
    public int SegmentSize { get; }

    public int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        _file.Position = (long)segment * SegmentSize + offset;
        int total = 0;
        while (total < count)
        {
            int n = _file.Read(buffer, bufferOffset + total, count - total);
            if (n == 0) break;
            total += n;
        }
        return total;
    }

    public void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (offset < 0 || offset + count > SegmentSize) throw new ArgumentOutOfRangeException(nameof(offset));
        _file.Position = (long)segment * SegmentSize + offset;
        _file.Write(buffer, bufferOffset, count);
    }

    public void Erase(int segment)
    {
        _file.Position = (long)segment * SegmentSize;
        _file.Write(_erased, 0, SegmentSize);
    }

    public void Flush() => _file.Flush(true);

    public void Dispose() => _file.Dispose();
}
