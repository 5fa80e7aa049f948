namespace Qinshui.Edge.Core.Config
{
    /// <summary>What became of one chunk of a configuration transfer (docs/mqtt.md, "Configuration transfer").</summary>
    public enum ChunkOutcome
    {
        /// <summary>Appended to the staging store; more chunks are expected.</summary>
        Stored = 0,
        /// <summary>The last chunk arrived: the whole envelope is staged and is to be checked and opened.</summary>
        Complete = 1,
        /// <summary>Already stored (a retransmission): nothing written again.</summary>
        Duplicate = 2,
        /// <summary>A chunk of a transfer that has already ended: its final answer is repeated.</summary>
        AlreadyEnded = 3,
        /// <summary>Members missing or out of range, bad base64, an empty slice.</summary>
        BadArguments = 10,
        /// <summary>A later chunk than the next one expected (a gap).</summary>
        Gap = 11,
        /// <summary>Count, total or SHA-256 differ from the transfer's first chunk, or the slices do not add up to the total.</summary>
        Mismatch = 12,
        /// <summary>Another transfer is in progress.</summary>
        Busy = 13,
        /// <summary>The total is above what this gateway accepts.</summary>
        TooLarge = 14,
        /// <summary>A chunk after the first of a transfer that is not in progress.</summary>
        Unknown = 15,
        /// <summary>A chunk of a transfer that expired (no chunk for <see cref="ConfigTransfer.IdleTimeoutMs"/>).</summary>
        Expired = 16,
        /// <summary>The assembled envelope does not have the announced SHA-256.</summary>
        HashMismatch = 17,
        /// <summary>The staging store failed (flash): the transfer is discarded.</summary>
        StagingFailed = 18,
    }

    /// <summary>Reason codes and English + Chinese text of chunk outcomes.</summary>
    public static class ChunkOutcomeText
    {
        public static bool IsRefusal(ChunkOutcome o) { return (int)o >= 10; }

        public static string Code(ChunkOutcome o)
        {
            switch (o)
            {
                case ChunkOutcome.Stored:
                case ChunkOutcome.Complete:
                case ChunkOutcome.Duplicate:
                case ChunkOutcome.AlreadyEnded: return "ok";
                case ChunkOutcome.BadArguments: return "bad_args";
                case ChunkOutcome.Gap: return "chunk_gap";
                case ChunkOutcome.Mismatch: return "chunk_mismatch";
                case ChunkOutcome.Busy: return "transfer_busy";
                case ChunkOutcome.TooLarge: return "transfer_too_large";
                case ChunkOutcome.Unknown: return "transfer_unknown";
                case ChunkOutcome.Expired: return "transfer_expired";
                case ChunkOutcome.HashMismatch: return "transfer_hash_mismatch";
                case ChunkOutcome.StagingFailed: return "staging_failed";
                default: return "refused";
            }
        }

        public static string English(ChunkOutcome o)
        {
            switch (o)
            {
                case ChunkOutcome.Stored: return "chunk stored";
                case ChunkOutcome.Complete: return "last chunk stored";
                case ChunkOutcome.Duplicate: return "chunk already stored (retransmission)";
                case ChunkOutcome.AlreadyEnded: return "the transfer has already ended";
                case ChunkOutcome.BadArguments: return "chunk arguments missing or invalid (transfer, index, count, total, sha256, data)";
                case ChunkOutcome.Gap: return "chunk out of order: send the chunk this reply names as next";
                case ChunkOutcome.Mismatch: return "chunk does not fit the transfer: count, total length or SHA-256 differ from its first chunk, or the slices do not add up to the total";
                case ChunkOutcome.Busy: return "another configuration transfer is in progress; it expires 60 s after its last chunk";
                case ChunkOutcome.TooLarge: return "the configuration is larger than this gateway accepts";
                case ChunkOutcome.Unknown: return "no such transfer in progress: start with chunk 0";
                case ChunkOutcome.Expired: return "the transfer expired (no chunk for 60 s): push again";
                case ChunkOutcome.HashMismatch: return "the assembled configuration does not have the announced SHA-256: discarded, the running configuration stays";
                case ChunkOutcome.StagingFailed: return "the gateway could not store the chunk (flash): transfer discarded, the running configuration stays";
                default: return "refused by the gateway";
            }
        }

        public static string Chinese(ChunkOutcome o)
        {
            switch (o)
            {
                case ChunkOutcome.Stored: return "分块已保存";
                case ChunkOutcome.Complete: return "最后一个分块已保存";
                case ChunkOutcome.Duplicate: return "分块已保存过（重传）";
                case ChunkOutcome.AlreadyEnded: return "该传输已经结束";
                case ChunkOutcome.BadArguments: return "分块参数缺失或无效（transfer、index、count、total、sha256、data）";
                case ChunkOutcome.Gap: return "分块顺序错误：请发送本回复 next 指明的分块";
                case ChunkOutcome.Mismatch: return "分块与传输不符：块数、总长度或 SHA-256 与第一个分块不同，或各分块长度之和不等于总长度";
                case ChunkOutcome.Busy: return "另一个配置传输正在进行；其最后一个分块 60 秒后过期";
                case ChunkOutcome.TooLarge: return "配置超过本网关允许的大小";
                case ChunkOutcome.Unknown: return "没有正在进行的该传输：请从第 0 块开始";
                case ChunkOutcome.Expired: return "传输已过期（60 秒未收到分块）：请重新推送";
                case ChunkOutcome.HashMismatch: return "拼合后的配置与声明的 SHA-256 不符：已丢弃，保留当前配置";
                case ChunkOutcome.StagingFailed: return "网关无法保存分块（闪存）：传输已丢弃，保留当前配置";
                default: return "网关拒绝执行";
            }
        }
    }
}
