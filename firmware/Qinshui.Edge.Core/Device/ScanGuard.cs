using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Core.Device
{
    public enum ScanVerdict
    {
        /// <summary>No complete healthy scan yet (or the runtime is not operational): the gate stays closed.</summary>
        Closed = 0,
        /// <summary>This was the first complete healthy scan: the gate opened; outputs follow the core from now on.</summary>
        Opened = 1,
        Open = 2,
        /// <summary>This scan threw: the gate tripped (every output off until restart).</summary>
        Tripping = 3,
        Tripped = 4,
    }

    /// <summary>
    /// Judges each GatewayRuntime scan for the composition root, from the runtime's own health
    /// figures: a scan that completed (ScanCount advanced) on an operational runtime is healthy,
    /// and the first one opens the <see cref="OutputGate"/>; a scan that threw (the runtime then
    /// de-energised its outputs and counted an overrun) trips the gate for good — the device's
    /// supervisor ignores kicks once the gate is tripped, so a missed deadline reboots it.
    /// </summary>
    public sealed class ScanGuard
    {
        private readonly OutputGate _gate;
        private readonly HealthFigures _health;
        private long _overruns;
        private long _scans;

        public ScanGuard(OutputGate gate, HealthFigures health)
        {
            _gate = gate;
            _health = health;
            _overruns = health.ScanOverruns;
            _scans = health.ScanCount;
        }

        public ScanVerdict AfterScan(bool operational)
        {
            bool completed = _health.ScanCount != _scans;
            bool threw = _health.ScanOverruns != _overruns;
            _scans = _health.ScanCount;
            _overruns = _health.ScanOverruns;
            if (_gate.IsTripped) return ScanVerdict.Tripped;
            if (threw)
            {
                _gate.Trip("scan exception");
                return ScanVerdict.Tripping;
            }
            if (!completed || !operational) return _gate.IsOpen ? ScanVerdict.Open : ScanVerdict.Closed;
            if (_gate.IsOpen) return ScanVerdict.Open;
            _gate.Open();
            return ScanVerdict.Opened;
        }
    }
}
