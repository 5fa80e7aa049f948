using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// Flash-like record store in memory with fault injection: erased bytes are 0xFF, a write can
/// only clear bits (NOR flash: 1→0), and a power cut can be armed to happen after a given
/// number of bytes of the coming writes, leaving a torn write (a prefix lands, optionally one
/// garbage byte after it). After the cut every operation throws until <see cref="PowerOn"/>.
/// </summary>
public sealed class MemoryRecordStore : IRecordStore
{
    private readonly byte[][] _segments;
    private long _bytesUntilCut = -1;
    private Random? _garbage;

    public MemoryRecordStore(int segmentCount, int segmentSize)
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
    public bool PoweredOff { get; private set; }
    public long BytesWritten { get; private set; }
    public int Erases { get; private set; }

    /// <summary>The power fails after this many more written bytes (0: before the next byte).</summary>
    public void ArmPowerCut(long afterBytes, Random? garbage = null)
    {
        _bytesUntilCut = afterBytes;
        _garbage = garbage;
    }

    public void PowerOn()
    {
        PoweredOff = false;
        _bytesUntilCut = -1;
    }

    public byte[] Raw(int segment) => _segments[segment];

    public int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check();
        Array.Copy(_segments[segment], offset, buffer, bufferOffset, count);
        return count;
    }

    public void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check();
        if (offset < 0 || offset + count > SegmentSize) throw new ArgumentOutOfRangeException(nameof(offset));
        byte[] seg = _segments[segment];
        for (int i = 0; i < count; i++)
        {
            if (_bytesUntilCut == 0)
            {
                if (_garbage != null && _garbage.Next(2) == 0) seg[offset + i] &= (byte)_garbage.Next(256);
                PoweredOff = true;
                throw new PowerCutException();
            }
            if (_bytesUntilCut > 0) _bytesUntilCut--;
            // NOR flash can only clear bits; programming a 0 bit back to 1 needs an erase.
            seg[offset + i] &= buffer[bufferOffset + i];
            BytesWritten++;
        }
    }

    public void Erase(int segment)
    {
        Check();
        if (_bytesUntilCut == 0)
        {
            // Cut during an erase: half the segment erased.
            Array.Fill(_segments[segment], (byte)0xFF, 0, SegmentSize / 2);
            PoweredOff = true;
            throw new PowerCutException();
        }
        Array.Fill(_segments[segment], (byte)0xFF);
        Erases++;
    }

    public void Flush() => Check();

    private void Check()
    {
        if (PoweredOff) throw new PowerCutException();
    }
}

public sealed class PowerCutException : Exception
{
    public PowerCutException() : base("simulated power cut") { }
}
