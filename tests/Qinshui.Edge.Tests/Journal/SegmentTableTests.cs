using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Tests.Fakes;
using JournalStore = Qinshui.Edge.Core.Journal.Journal;

namespace Qinshui.Edge.Tests.Journal;

/// <summary>The per-segment tables are 16-bit: segments up to 65 535 bytes, and every count in them fits.</summary>
public class SegmentTableTests
{
    [Fact]
    public void LargestSegment_IsAccepted_OneByteMoreIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new JournalStore(new MemoryRecordStore(3, JournalStore.MaxSegmentSize + 1)));
        var j = new JournalStore(new MemoryRecordStore(3, JournalStore.MaxSegmentSize));
        Assert.Equal(JournalStore.MaxSegmentSize - 20 - 13, j.MaxPayloadLength);
    }

    [Fact]
    public void FullLargestSegment_OfEmptyRecords_CountsEveryRecord_AcrossAMount()
    {
        // The most records a segment can hold (header only): its pending count and used bytes reach their maxima.
        var store = new MemoryRecordStore(3, JournalStore.MaxSegmentSize);
        var j = new JournalStore(store);
        int perSegment = (JournalStore.MaxSegmentSize - 20) / 13;
        var payload = new byte[1];
        for (int i = 0; i < perSegment; i++) Assert.True(j.Append(RecordClass.Alarm, payload, 0, 0));
        Assert.Equal(perSegment, j.PendingPriority);
        Assert.Equal(1, j.UsedSegments);
        Assert.True(j.Append(RecordClass.Alarm, payload, 0, 0)); // the next one opens a second segment
        Assert.Equal(2, j.UsedSegments);

        var again = new JournalStore(store);
        Assert.Equal(perSegment + 1, again.PendingPriority);
        Assert.Equal(2, again.UsedSegments);
    }
}
