namespace Qinshui.Edge.Core.Journal
{
    /// <summary>Counters of the journal for the health message. Plain fields: reading them allocates nothing.</summary>
    public sealed class JournalStats
    {
        /// <summary>Data records (reading batches) erased unsent to make room (journal full).</summary>
        public long EvictedDataRecords;
        /// <summary>Alarm/event records refused because the journal was full of them.</summary>
        public long RefusedAppends;
        /// <summary>Records whose CRC failed when read for sending: skipped, never sent.</summary>
        public long CorruptRecordsSkipped;
        /// <summary>Torn tails found and cut at mount (power lost during a write).</summary>
        public long TornTailsCut;
        /// <summary>Damaged stretches inside a segment found at mount: skipped up to the next valid record header (the rest is kept).</summary>
        public long DamagedSpans;
        /// <summary>Bytes in those stretches (each held at least one record that is lost).</summary>
        public long DamagedBytes;
        /// <summary>Segments whose header was damaged but whose records were valid: kept (as the newest, closed for writing).</summary>
        public long SegmentsAdopted;
        /// <summary>Alarm/event records copied forward when their segment was reclaimed.</summary>
        public long RelocatedRecords;
        public long Appended;
        public long Acknowledged;
    }
}
