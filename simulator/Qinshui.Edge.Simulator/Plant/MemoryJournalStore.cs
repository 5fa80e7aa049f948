using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// Journal flash in memory: the simulated gateway's (it survives the gateway's power cuts: the
/// plant owns it) and the benchmarks'. Erased bytes are 0xFF and a write only clears bits, as NOR flash.
/// </summary>
public sealed class MemoryJournalStore : IRecordStore
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

    public int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Array.Copy(_segments[segment], offset, buffer, bufferOffset, count);
        return count;
    }

    public void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (offset < 0 || offset + count > SegmentSize) throw new ArgumentOutOfRangeException(nameof(offset));
        var seg = _segments[segment];
        for (int i = 0; i < count; i++) seg[offset + i] &= buffer[bufferOffset + i];
        BytesWritten += count;
    }

    public void Erase(int segment) => Array.Fill(_segments[segment], (byte)0xFF);

    public void Flush() { }
}
