namespace Qinshui.Edge.Core.Journal
{
    /// <summary>Read position of one replay lane: a segment (by index and sequence, so a reused segment is noticed) and an offset in it.</summary>
    internal sealed class JournalCursor
    {
        public int Segment = -1;
        public uint SegSeq;
        public int Offset;

        public void Rewind()
        {
            Segment = -1;
            SegSeq = 0;
            Offset = 0;
        }
    }
}
