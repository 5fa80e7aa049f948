using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// The simulator's in-memory flash (<see cref="MemoryJournalStore"/>: erased bytes 0xFF, a write
/// only clears bits) with fault injection: a power cut can be armed to happen after a given
/// number of bytes of the coming writes, leaving a torn write (a prefix lands, optionally one
/// garbage byte after it). After the cut every operation throws until <see cref="PowerOn"/>.
/// </summary>
public sealed class MemoryRecordStore(int segmentCount, int segmentSize) : MemoryJournalStore(segmentCount, segmentSize)
{
    private long _bytesUntilCut = -1;
    private Random? _garbage;

    public bool PoweredOff { get; private set; }
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

    public override int Read(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check();
        return base.Read(segment, offset, buffer, bufferOffset, count);
    }

    public override void Write(int segment, int offset, byte[] buffer, int bufferOffset, int count)
    {
        Check();
        CheckRange(offset, count);
        for (int i = 0; i < count; i++)
        {
            if (_bytesUntilCut == 0)
            {
                if (_garbage != null && _garbage.Next(2) == 0) Raw(segment)[offset + i] &= (byte)_garbage.Next(256);
                PoweredOff = true;
                throw new PowerCutException();
            }
            if (_bytesUntilCut > 0) _bytesUntilCut--;
            Program(segment, offset + i, buffer, bufferOffset + i, 1);
        }
    }

    public override void Erase(int segment)
    {
        Check();
        if (_bytesUntilCut == 0)
        {
            // Cut during an erase: half the segment erased.
            Array.Fill(Raw(segment), (byte)0xFF, 0, SegmentSize / 2);
            PoweredOff = true;
            throw new PowerCutException();
        }
        base.Erase(segment);
        Erases++;
    }

    public override void Flush() => Check();

    private void Check()
    {
        if (PoweredOff) throw new PowerCutException();
    }
}

public sealed class PowerCutException : Exception
{
    public PowerCutException() : base("simulated power cut") { }
}
