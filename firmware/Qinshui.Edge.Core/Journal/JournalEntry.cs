using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Journal
{
    /// <summary>
    /// Where one journalled record lives, as handed to the MQTT pump. A value type: holding one
    /// allocates nothing. SegmentSequence guards against acknowledging into a reused segment.
    /// </summary>
    public struct JournalEntry
    {
        public int Segment;
        public int Offset;
        public uint SegmentSequence;
        public uint RecordSequence;
        public RecordClass Class;
        public int PayloadLength;
    }
}
