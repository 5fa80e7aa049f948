namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Where each of a device's points, decimal-point registers and status registers sits in the
    /// device's merged block reads. Built once from the configuration.
    /// </summary>
    public sealed class ModbusDevicePlan
    {
        public ModbusBlock[] Blocks;
        public int[] PointBlock;
        public int[] PointOffset;
        /// <summary>-1 when the point has no decimal-point register.</summary>
        public int[] DecimalBlock;
        public int[] DecimalOffset;
        public int[] RuleBlock;
        public int[] RuleOffset;
        /// <summary>Per rule: indices of the points it marks, or null for all.</summary>
        public int[][] RuleTargets;

        /// <summary>Bus time of one full poll of the device (requests, responses, and a silence before each frame).</summary>
        public long CycleMicros(ModbusTiming timing)
        {
            long us = 0;
            for (int i = 0; i < Blocks.Length; i++)
            {
                us += timing.FrameMicros(Blocks[i].RequestBytes) + timing.FrameMicros(Blocks[i].ResponseBytes) + 2 * timing.InterFrameSilenceUs;
            }
            return us;
        }

        /// <summary>Bus time lost to this device when it does not answer: its first request timed out, retried.</summary>
        public long DeadMicros(ModbusTiming timing)
        {
            if (Blocks.Length == 0) return 0;
            long attempt = timing.FrameMicros(Blocks[0].RequestBytes) + timing.InterFrameSilenceUs + timing.ResponseTimeoutMs * 1000L;
            return attempt * (timing.Retries + 1);
        }

        /// <summary>One full poll as the device's master achieves it (ModbusDriveModel: wake ticks, µs silences).</summary>
        public long CycleMicros(ModbusTiming timing, ModbusDriveModel drive)
        {
            long us = 0;
            for (int i = 0; i < Blocks.Length; i++) us += drive.TransactionMicros(timing, Blocks[i].RequestBytes, Blocks[i].ResponseBytes);
            return us;
        }

        /// <summary>A dead device as the device's master times it out: every attempt rounded to wake ticks.</summary>
        public long DeadMicros(ModbusTiming timing, ModbusDriveModel drive)
        {
            if (Blocks.Length == 0) return 0;
            return drive.TimeoutMicros(timing, Blocks[0].RequestBytes) * (timing.Retries + 1);
        }
    }
}
