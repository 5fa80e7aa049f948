using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Simulator.Modbus;

/// <summary>
/// Condition → contact-open (and card tap → machine enabled) times of the ESP32 gateway, with
/// what lies between them on the device: the poll interval and its phase, the bus shared with
/// another device, the transaction as the device's master achieves it (ModbusDriveModel), the
/// 20 ms scan and its phase, the scan's CPU time before the output is written, and the relay's
/// datasheet release/operate time. Every phase combination on a 1 ms grid is counted, so the
/// distribution and the worst case are exact for the model, not a lucky sample.
///
/// Not in the model (stated wherever printed): the gas sensor's own response time (T90, up to
/// 30 s for test gas, STANDARDS.md), an alarm level's on-delay (0 for trip levels of the shipped
/// profiles), a slave slower than 3.5 characters to answer, retries.
/// </summary>
public static class ReactionModel
{
    /// <summary>Songle SRD-05VDC-SL-C (the 4-channel relay boards, hardware/boards/*.md): release time ≤ 5 ms.</summary>
    public const int RelayReleaseMaxUs = 5000;

    /// <summary>Same datasheet: operate time ≤ 10 ms.</summary>
    public const int RelayOperateMaxUs = 10000;

    /// <summary>Wiegand output: bit interval up to 2 ms (readers emit 1–2 ms); a 26-bit frame then lasts 50 ms.</summary>
    public const int WiegandBitIntervalUs = 2000;

    /// <summary>Assumed, reader-dependent: a card reader's own time from tap to the first Wiegand bit.</summary>
    public const int AssumedReaderReadUs = 300_000;

    public sealed record Result(string Name, long[] SortedUs, string Assumptions)
    {
        public long Percentile(double p) => SortedUs[Math.Min(SortedUs.Length - 1, (int)Math.Floor(p * SortedUs.Length))];
        public long WorstUs => SortedUs[^1];
        public long BestUs => SortedUs[0];
    }

    /// <summary>
    /// Gas reaches the trip level at the sensor at t0. The gas device is polled every pollMs at
    /// phase 0; another device (otherCycleUs of bus time every otherPollMs) may hold the bus when
    /// the poll falls due. The slave samples the register when it has the request; the poller
    /// decodes at the end of the device's cycle; the next scan feeds, evaluates and writes the
    /// output after scanCpuUs; the relay releases.
    /// </summary>
    public static Result GasToContactOpen(int baud, ModbusDevicePlan gasPlan, int pollMs, long otherCycleUs, int otherPollMs, ModbusDriveModel drive)
    {
        var timing = new ModbusTiming(baud, 11, ModbusTiming.DefaultResponseTimeoutMs, 1, ModbusTiming.DefaultTurnaroundDelayMs);
        long cycleUs = gasPlan.CycleMicros(timing, drive);
        long sampleAfterStartUs = timing.FrameMicros(gasPlan.Blocks[0].RequestBytes);
        long pollUs = pollMs * 1000L;
        var times = new List<long>();
        // Grid: condition time over one poll interval, scan phase over one scan, the other device's phase over its interval (coarser).
        int otherSteps = otherCycleUs > 0 ? 20 : 1;
        for (long t0 = 0; t0 < pollUs; t0 += 1000)
        for (long scanPhase = 0; scanPhase < drive.ScanPeriodUs; scanPhase += 1000)
        for (int o = 0; o < otherSteps; o++)
        {
            long otherPhase = otherPollMs * 1000L * o / otherSteps;
            // The first gas poll whose request reaches the slave after t0.
            long k = 0;
            long start;
            while (true)
            {
                start = PollStart(k * pollUs, otherPhase, otherCycleUs, otherPollMs * 1000L, drive, scanPhase);
                if (start + sampleAfterStartUs >= t0) break;
                k++;
            }
            long decodedUs = start + cycleUs;
            long scanUs = NextScan(decodedUs, scanPhase, drive.ScanPeriodUs);
            long openUs = scanUs + drive.ScanCpuUs + RelayReleaseMaxUs;
            times.Add(openUs - t0);
        }
        times.Sort();
        string assumptions = $"{baud} baud 8E1, gas poll every {pollMs} ms ({gasPlan.Blocks.Length} block(s), {cycleUs / 1000.0:F1} ms per poll on the device)"
            + (otherCycleUs > 0 ? $", bus shared with a device taking {otherCycleUs / 1000.0:F1} ms every {otherPollMs} ms" : "")
            + $"; {drive.Describe()}; output written at the end of the scan's CPU time; relay release ≤ {RelayReleaseMaxUs / 1000} ms (SRD-05VDC-SL-C datasheet)"
            + "; not included: sensor T90, alarm on-delay (0 at trip levels), slow slaves, retries";
        return new Result("gas at trip level → relay contact open", times.ToArray(), assumptions);
    }

    /// <summary>
    /// A card is tapped at t0: the reader reads it, sends the Wiegand frame, the decoder ends the
    /// frame after WiegandDecoder.GapMs of silence at the next scan that looks, the station enables
    /// the machine in that scan, the relay operates.
    /// </summary>
    public static Result CardTapToEnabled(int frameBits, ModbusDriveModel drive)
    {
        long frameUs = AssumedReaderReadUs + (frameBits - 1) * (long)WiegandBitIntervalUs;
        long gapUs = Qinshui.Edge.Core.Device.WiegandDecoder.GapMs * 1000L;
        var times = new List<long>();
        for (long scanPhase = 0; scanPhase < drive.ScanPeriodUs; scanPhase += 100)
        {
            // The decoder counts whole milliseconds: the gap is proven one ms later at worst.
            long readyUs = frameUs + gapUs + 1000;
            long scanUs = NextScan(readyUs, scanPhase, drive.ScanPeriodUs);
            times.Add(scanUs + drive.ScanCpuUs + RelayOperateMaxUs);
        }
        times.Sort();
        string assumptions = $"{frameBits}-bit Wiegand at {WiegandBitIntervalUs / 1000} ms per bit, reader's own read time {AssumedReaderReadUs / 1000} ms (assumed: reader datasheet), frame end after {Qinshui.Edge.Core.Device.WiegandDecoder.GapMs} ms silence"
            + $"; scan every {drive.ScanPeriodUs / 1000} ms holding the CPU {drive.ScanCpuUs / 1000.0:F0} ms; relay operate ≤ {RelayOperateMaxUs / 1000} ms (SRD-05VDC-SL-C datasheet); conditions (permit, gas clear, machine identity) already hold";
        return new Result("card tap → machine enabled", times.ToArray(), assumptions);
    }

    /// <summary>When the gas poll due at dueUs starts: after the other device's cycle if it holds the bus, at the bus thread's next wake.</summary>
    private static long PollStart(long dueUs, long otherPhaseUs, long otherCycleUs, long otherPollUs, ModbusDriveModel drive, long scanPhaseUs)
    {
        long at = dueUs;
        if (otherCycleUs > 0 && dueUs >= otherPhaseUs)
        {
            long since = (dueUs - otherPhaseUs) % otherPollUs;
            if (since < otherCycleUs) at = dueUs - since + otherCycleUs;
        }
        // The drive model counts scans from 0: shift by the scan phase.
        return drive.NextWakeUs(at + drive.ScanPeriodUs - scanPhaseUs) - drive.ScanPeriodUs + scanPhaseUs;
    }

    private static long NextScan(long atUs, long phaseUs, long periodUs)
    {
        long k = (atUs - phaseUs + periodUs - 1) / periodUs;
        if (atUs < phaseUs) k = 0;
        return phaseUs + k * periodUs;
    }
}
