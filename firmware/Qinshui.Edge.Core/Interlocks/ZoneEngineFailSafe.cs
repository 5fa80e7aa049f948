using System;
using Qinshui.Edge.Core.Events;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// De-energise to trip (ARCHITECTURE.md safety principle 1): tripping every zone at once
    /// (local configuration change, missed deadline), the fail-safe after an exception in the
    /// scan, and every output off.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        // ---------------------------------------------------------------- fail-safe

        private void TripAll(ConditionKind kind, double value, double threshold, string unit, EventKind eventKind)
        {
            long nowMs = _clock.MonotonicMs;
            try
            {
                if (!IsConfigValid)
                {
                    AllOutputsOff();
                    return;
                }
                for (int zone = 0; zone < ZoneCount; zone++)
                {
                    Trip(zone, Conditions.Bit(kind), nowMs);
                    RecordOne(eventKind, zone, kind, Config(zone).Id, value, threshold, unit, null);
                }
            }
            catch (Exception)
            {
                FailSafe();
            }
        }

        /// <summary>Something threw in the scan: every output off, every zone latched, then try to say so.</summary>
        private void FailSafe()
        {
            AllOutputsOff();
            for (int zone = 0; zone < ZoneCount; zone++)
            {
                _table.SetFlag(zone, ZoneTable.PermittedFlag, false);
                _table.SetFlag(zone, ZoneTable.LatchedFlag, true);
                _table.SetLatchedMask(zone, LatchedMask(zone) | Conditions.Bit(ConditionKind.ScanException));
                _table.SetClearSinceMs(zone, None);
                _table.SetFlag(zone, ZoneTable.AwaitingCutFlag, false);
            }
            try
            {
                for (int zone = 0; zone < ZoneCount; zone++)
                {
                    RecordOne(EventKind.ZoneTripped, zone, ConditionKind.ScanException, Config(zone).Id, double.NaN, double.NaN, "", null);
                }
            }
            catch (Exception)
            {
                // The outputs are already off; the evidence could not be written.
            }
        }

        private void AllOutputsOff()
        {
            for (int output = 0; output < _outputPorts.Length; output++)
            {
                // Called first in the constructor, before the state exists (and with no state when the configuration is invalid).
                if (_table != null && output < OutputCount) _table.SetOutputOn(output, false);
                try
                {
                    if (_outputPorts[output] != null) _outputPorts[output].Write(false);
                }
                catch (Exception)
                {
                    // One broken output must not keep the others energised.
                }
            }
        }
    }
}
