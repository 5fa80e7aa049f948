using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// Journal flash in memory: the simulated gateway's (it survives the gateway's power cuts: the
/// plant owns it), the benchmarks' and, with fault injection added, the tests'
/// (tests/…/Fakes/MemoryRecordStore). Erased bytes are 0xFF and a write only clears bits, as NOR flash.
/// </summary>
public class MemoryJournalStore : IRecordStore
{
    private readonly byte[][] _segments;

    public MemoryJournalStore(int segmentCount = 32, int segmentSize = 8192)
    {
        SegmentCount = segmentCount;
        SegmentSize = segmentSize;
        _segments = new byte[segmentCount][];
        for (int i = 0; i < segmentCount; i++)
        {
            _segments[i] = new byte[segmentSize];
            Array.Fill(_segments[i], (byte)0xFF);
        }
    }

    public int SegmentCount { get; }
    public int SegmentSize { get; }
    public long BytesWritten { get; private set; }

    /// <summary>The segment's bytes as they are (no copy): what a torn write or an erase left.</summary>
    public byte[] Raw(int segment) => _segments[segment];

    public virtual int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Array.Copy(_segments[segment], offset, buffer, bufferOffset, count);
        return count;
    }

    public virtual void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        CheckRange(offset, count);
        Program(segment, offset, buffer, bufferOffset, count);
    }

    protected void CheckRange(int offset, int count)
    {
        if (offset < 0 || offset + count > SegmentSize) throw new ArgumentOutOfRangeException(nameof(offset));
    }

    /// <summary>NOR flash can only clear bits; programming a 0 bit back to 1 needs an erase.</summary>
    protected void Program(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        var seg = _segments[segment];
        for (int i = 0; i < count; i++) seg[offset + i] &= buffer[bufferOffset + i];
        BytesWritten += count;
    }

    public virtual void Erase(int segment) => Array.Fill(_segments[segment], (byte)0xFF);

    public virtual void Flush() { }
}
