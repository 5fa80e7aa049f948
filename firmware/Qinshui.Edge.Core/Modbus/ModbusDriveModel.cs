namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// How the device steps its Modbus master, and what that costs on the line. The one model the
    /// bus-budget validator, `qedge modbus bench` and the simulator share (docs/configuration.md,
    /// "Bus timing on the device").
    ///
    /// The ESP32 firmware steps its pollers from a bus thread of their own (ModbusBusThread) that
    /// sleeps one tick between steps, besides the 20 ms scan that also steps them. What the device
    /// does, and the model follows:
    /// - the master is woken every <see cref="TickUs"/> (Thread.Sleep(1): 1 ms, the FreeRTOS tick
    ///   of the nanoFramework ESP32 build); a byte is seen at the first wake after it arrived;
    /// - it times silences on the µs clock (esp_timer), so a silence ends at the first wake at
    ///   least 3.5 characters after the last byte it saw;
    /// - nanoCLR threads are cooperative: while the scan computes (<see cref="ScanCpuUs"/> of each
    ///   <see cref="ScanPeriodUs"/>) the bus thread does not run, and a wake falling in that window
    ///   waits for its end. The scan's CPU time on the ESP32 is not measured yet: the default
    ///   (<see cref="AssumedScanCpuUs"/>) is an assumption, printed as one wherever it is used;
    /// - the slave answers 3.5 characters after the request (the fastest the protocol allows);
    ///   a slower slave costs its own delay on top.
    /// </summary>
    public sealed class ModbusDriveModel
    {
        /// <summary>FreeRTOS tick of the nanoFramework ESP32 build: Thread.Sleep(1) wakes a millisecond later.</summary>
        public const int DeviceTickUs = 1000;

        /// <summary>The firmware's scan period (Program.ScanPeriodMs).</summary>
        public const int DeviceScanPeriodUs = 20000;

        /// <summary>Assumed, not measured: CPU time of one scan on the ESP32 under nanoCLR (a fifth of the period).</summary>
        public const int AssumedScanCpuUs = 4000;

        public ModbusDriveModel(int tickUs, int scanPeriodUs, int scanCpuUs)
        {
            TickUs = tickUs < 1 ? 1 : tickUs;
            ScanPeriodUs = scanPeriodUs < 1 ? 1 : scanPeriodUs;
            ScanCpuUs = scanCpuUs < 0 ? 0 : scanCpuUs > ScanPeriodUs ? ScanPeriodUs : scanCpuUs;
        }

        /// <summary>The ESP32 firmware as built: 1 ms bus thread, 20 ms scan, the assumed scan CPU time.</summary>
        public static ModbusDriveModel Device() { return new ModbusDriveModel(DeviceTickUs, DeviceScanPeriodUs, AssumedScanCpuUs); }

        /// <summary>The master stepped only by the scan (no bus thread): every wake is a scan.</summary>
        public static ModbusDriveModel ScanOnly() { return new ModbusDriveModel(DeviceScanPeriodUs, DeviceScanPeriodUs, 0); }

        public int TickUs { get; }
        public int ScanPeriodUs { get; }
        public int ScanCpuUs { get; }

        /// <summary>
        /// Request to next request when the bus thread is not held up by the scan: the response is
        /// seen at the first tick after its last byte, and the master ends it (and sends the next
        /// request in the same step) at the first tick one silence later.
        /// </summary>
        public long TransactionMicros(ModbusTiming timing, int requestBytes, int responseBytes)
        {
            long silence = timing.InterFrameSilenceUs;
            long lastByteUs = timing.FrameMicros(requestBytes) + silence + timing.FrameMicros(responseBytes);
            return CeilTick(lastByteUs) + CeilTick(silence);
        }

        /// <summary>Bus time lost to a dead device per attempt: the request, the timeout, both rounded to ticks.</summary>
        public long TimeoutMicros(ModbusTiming timing, int requestBytes)
        {
            return CeilTick(timing.FrameMicros(requestBytes) + timing.ResponseTimeoutMs * 1000L) + CeilTick(timing.InterFrameSilenceUs);
        }

        /// <summary>
        /// Share of the line (parts per million) the master can fill: while the scan holds the CPU
        /// the bus thread cannot end a response or send, so that time counts as lost.
        /// </summary>
        public long UsableLinePpm { get { return (ScanPeriodUs - ScanCpuUs) * 1000000L / ScanPeriodUs; } }

        /// <summary>Worst delay the scan adds to one wake of the bus thread.</summary>
        public long WorstWakeDelayUs { get { return ScanCpuUs + TickUs; } }

        /// <summary>The first wake of the bus thread at or after atUs (ticks count from 0; the scan holds [k·period, k·period + cpu)).</summary>
        public long NextWakeUs(long atUs)
        {
            long t = CeilTick(atUs);
            if (ScanCpuUs == 0) return t;
            long inPeriod = t % ScanPeriodUs;
            if (inPeriod < ScanCpuUs) t = CeilTick(t - inPeriod + ScanCpuUs);
            return t;
        }

        private long CeilTick(long us)
        {
            return (us + TickUs - 1) / TickUs * TickUs;
        }

        public string Describe()
        {
            return "master woken every " + TickUs + " µs, silences on a µs clock, scan holds the CPU "
                + ScanCpuUs + " µs of every " + ScanPeriodUs + " µs" + (ScanCpuUs == AssumedScanCpuUs ? " (assumed, not measured on the ESP32)" : "")
                + ", slave answers after 3.5 characters";
        }
    }
}
