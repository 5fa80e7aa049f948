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
        long size = (long)segmentCount * segmentSize;
        bool fresh = !File.Exists(path);
        if (!fresh && new FileInfo(path).Length > size)
        {
            // Longer than this geometry: not ours to interpret, but not ours to destroy either (issue 15 #7).
            string aside = path + ".unreadable-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            File.Move(path, aside);
            Problem = $"journal file {path} is longer than {segmentCount} × {segmentSize} B: moved to {aside}, starting an empty journal "
                + $"/ 日志文件比 {segmentCount} × {segmentSize} 字节长：已移至 {aside}，以空日志启动";
            fresh = true;
        }
        _file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.RandomAccess);
        if (fresh || _file.Length == 0)
        {
            _file.SetLength(0);
            for (int s = 0; s < segmentCount; s++) _file.Write(_erased, 0, segmentSize);
            _file.Flush(true);
        }
        else if (_file.Length < size)
        {
            // Cut short (a copy, a full disk): keep every byte there is and treat the rest as erased flash.
            // The journal then keeps every whole record and cuts the one the end went through (a torn tail).
            long had = _file.Length;
            _file.Position = had;
            for (long left = size - had; left > 0; left -= Math.Min(left, segmentSize)) _file.Write(_erased, 0, (int)Math.Min(left, segmentSize));
            _file.Flush(true);
            Problem = $"journal file {path} was {size - had} B short of {size} B: kept what it holds, the rest read as erased "
                + $"/ 日志文件比应有的 {size} 字节少 {size - had} 字节：已保留现有内容，其余按已擦除处理";
        }
    }

    /// <summary>What was wrong with the file at opening (null: nothing); the host logs it, nothing is wiped silently.</summary>
    public string? Problem { get; }

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
