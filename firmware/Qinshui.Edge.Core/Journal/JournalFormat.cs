namespace Qinshui.Edge.Core.Journal
{
    /// <summary>
    /// On-flash layout of the journal (docs/mqtt.md, "Journal format"). Little-endian.
    /// Segment: 20-byte header {"QJS1", segment sequence u32, relocated-from segment sequence u32
    /// (0xFFFFFFFF: none), CRC-32 of bytes 0..11, copy-complete byte (0xFF, programmed 0x00 once
    /// every record of the reclaimed segment was copied), 3 × 0xFF} then records back to back;
    /// erased space is 0xFF.
    /// Record: 13-byte header {0x5A, ack byte, class, payload length u16, record sequence u32,
    /// CRC-32 over bytes 2..8 and the payload} then the payload. The ack byte is 0xFF when
    /// written and is programmed to 0x00 once the broker acknowledged the record: a 1→0
    /// change that NOR flash allows without erasing, and outside the CRC.
    /// </summary>
    public static class JournalFormat
    {
        public const int SegmentHeaderSize = 20;
        public const int CopyCompleteOffset = 16;
        public const uint NoSegment = 0xFFFFFFFFu;
        public const int RecordHeaderSize = 13;
        public const byte RecordMagic = 0x5A;
        public const byte AckPending = 0xFF;
        public const byte AckDone = 0x00;
        public const int AckByteOffset = 1;

        public static void WriteUInt32(byte[] b, int o, uint v)
        {
            b[o] = (byte)v;
            b[o + 1] = (byte)(v >> 8);
            b[o + 2] = (byte)(v >> 16);
            b[o + 3] = (byte)(v >> 24);
        }

        public static uint ReadUInt32(byte[] b, int o)
        {
            return (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
        }
    }
}
