// Also compiled into the desktop tests (nullable-enabled there); this code is nullable-oblivious C# 9.
#nullable disable
namespace Qinshui.Edge.Firmware.Seams
{
    /// <summary>
    /// SEAM for the core's scan orchestrator (Gateway: poll → condition → alarms → interlocks →
    /// outputs → events → telemetry), written in parallel. Program.cs drives whatever implements
    /// this; until the orchestrator lands, InterimAlarmScan does.
    /// </summary>
    public interface IScanLoop
    {
        int ScanPeriodMs { get; }

        /// <summary>One complete scan at nowMs; true when it completed and every adapter answered (a healthy scan).</summary>
        bool Scan(long nowMs);
    }
}
