using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Feeds the external watchdog (hardware/watchdog.md: STWD100NYWY3F, tWD 1.12–2.24 s) from the
    /// scan loop, and only for a healthy scan: each scan the ScanGuard judged Opened or Open
    /// toggles WDI once. A scan that stalls (CLR hung, a blocking native call such as the TLS
    /// handshake, a deadlock) or is judged Closed/Tripping/Tripped gives no edge, so WDO asserts
    /// within tWD, which switches off the supply of every relay coil and resets the ESP32 —
    /// de-energise to trip, checked by a timer independent of the CLR. The watchdog is enabled
    /// (ENABLE true drives the STWD100's EN̅ low) at the first healthy scan: nanoCLR's boot takes
    /// longer than tWD, and until then the OutputGate holds every relay low anyway.
    /// </summary>
    public sealed class HardwareWatchdogFeeder
    {
        private readonly IDigitalOutput _wdi;
        private readonly IDigitalOutput _enable;
        private bool _level;

        public HardwareWatchdogFeeder(IDigitalOutput wdi, IDigitalOutput enable)
        {
            _wdi = wdi;
            _enable = enable;
        }

        /// <summary>Edges given to WDI since start.</summary>
        public long Feeds { get; private set; }

        /// <summary>Call once after every scan with the ScanGuard's verdict; allocation-free.</summary>
        public void AfterScan(ScanVerdict verdict)
        {
            if (verdict != ScanVerdict.Opened && verdict != ScanVerdict.Open) return;
            if (verdict == ScanVerdict.Opened)
            {
                // EN̅ low: the timer starts from this edge (the datasheet clears it on EN̅ transitions).
                _enable.Write(true);
            }
            _level = !_level;
            _wdi.Write(_level);
            Feeds++;
        }
    }
}
