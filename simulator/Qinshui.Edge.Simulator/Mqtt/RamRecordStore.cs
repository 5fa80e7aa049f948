using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Mqtt;

/// <summary>A record store in RAM (erased = 0xFF): for benchmarks and throw-away simulations.</summary>
public sealed class RamRecordStore : IRecordStore
{
    private readonly byte[] _bytes;

    public RamRecordStore(int segmentCount, int segmentSize)
    {
        SegmentCount = segmentCount;
        SegmentSize = segmentSize;
        _bytes = new byte[(long)segmentCount * segmentSize];
        Array.Fill(_bytes, (byte)0xFF);
    }

    public int SegmentCount { get; }
    public int SegmentSize { get; }

    public int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Array.Copy(_bytes, (long)segment * SegmentSize + offset, buffer, bufferOffset, count);
        return count;
    }

    public void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        if (offset < 0 || offset + count > SegmentSize) throw new ArgumentOutOfRangeException(nameof(offset));
        Array.Copy(buffer, bufferOffset, _bytes, (long)segment * SegmentSize + offset, count);
    }

    public void Erase(int segment) => Array.Fill(_bytes, (byte)0xFF, segment * SegmentSize, SegmentSize);

    public void Flush()
    {
    }
}
