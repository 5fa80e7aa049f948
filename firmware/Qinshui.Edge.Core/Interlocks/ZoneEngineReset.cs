using System;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Commands on a zone's latch: a reset (local or remote) returns a zone only when every cause
    /// has cleared and stayed clear for its settle time; a trip request is always accepted.
    /// The network can request a trip but never force an output on (ARCHITECTURE.md).
    /// </summary>
    public sealed partial class ZoneEngine
    {
        // ---------------------------------------------------------------- commands

        /// <summary>Reset pressed at the gateway.</summary>
        public ZoneResetOutcome RequestLocalReset(int zone) { return Reset(zone, false); }

        /// <summary>Reset requested by the platform: only where the zone allows it, never while a cause persists.</summary>
        public ZoneResetOutcome RequestRemoteReset(int zone) { return Reset(zone, true); }

        private ZoneResetOutcome Reset(int zone, bool remote)
        {
            if (!IsConfigValid) return ZoneResetOutcome.ConfigInvalid;
            if (zone < 0 || zone >= ZoneCount) return ZoneResetOutcome.UnknownZone;
            long nowMs = _clock.MonotonicMs;
            try
            {
                string source = remote ? "remote" : "local";
                JsonWriter w = BeginZoneEvent(EventKind.ResetRequested, zone, source);
                w.String("source", source);
                EndZoneEvent(zone, 0);

                int mask = 0;
                ZoneResetOutcome outcome = JudgeReset(zone, remote, nowMs, ref mask);
                if (outcome != ZoneResetOutcome.Accepted)
                {
                    RecordResetRefused(zone, source, outcome, nowMs);
                    return outcome;
                }

                w = BeginZoneEvent(EventKind.ResetAccepted, zone, source);
                w.String("source", source);
                w.Integer("clearForMs", nowMs - _table.ClearSinceMs(zone));
                EndZoneEvent(zone, 0);
                _table.SetFlag(zone, ZoneTable.LatchedFlag, false);
                _table.SetLatchedMask(zone, 0);
                _table.SetFlag(zone, ZoneTable.PermittedFlag, true);
                _table.SetLiveMask(zone, mask & AuthorisationBit);
                _table.SetLiveCount(zone, 0);
                _table.SetPreviousLiveMask(zone, 0);
                WriteZoneOutputs(zone, nowMs);
                RecordZoneEvent(EventKind.ZonePermitted, zone, source == "remote" ? "remote_reset" : "local_reset", 0);
                return outcome;
            }
            catch (Exception)
            {
                FailSafe();
                return ZoneResetOutcome.CausePersists;
            }
        }

        /// <summary>Whether a reset may return the zone now; mask receives the conditions as judged (when they were).</summary>
        private ZoneResetOutcome JudgeReset(int zone, bool remote, long nowMs, ref int mask)
        {
            if (!IsLatched(zone)) return ZoneResetOutcome.NothingToReset;
            if (ProofPhase(zone) != ProofTestPhase.Idle) return ZoneResetOutcome.ProofTestRunning;
            if (remote && !Config(zone).AllowRemoteReset) return ZoneResetOutcome.RemoteResetNotAllowed;
            if (remote && (LatchedMask(zone) & Conditions.LocalResetOnlyMask) != 0) return ZoneResetOutcome.LocalResetRequired;

            // Judge on the channels and timers as they are now (inputs as read at the last scan).
            mask = ComputeConditions(zone, nowMs);
            if ((mask & ~Conditions.Bit(ConditionKind.ChannelTripLatched) & ~AuthorisationBit) != 0)
            {
                _table.SetClearSinceMs(zone, None);
                return ZoneResetOutcome.CausePersists;
            }
            if (_table.ClearSinceMs(zone) == None || nowMs - _table.ClearSinceMs(zone) < Config(zone).SettleMs)
            {
                return ZoneResetOutcome.SettleTimeRunning;
            }
            if (!ResetLatchedLevels(zone, nowMs)) return ZoneResetOutcome.CausePersists;
            return ZoneResetOutcome.Accepted;
        }

        private void RecordResetRefused(int zone, string source, ZoneResetOutcome outcome, long nowMs)
        {
            JsonWriter w = BeginZoneEvent(EventKind.ResetRefused, zone, ZoneOutcomeText.Code(outcome));
            w.String("source", source);
            w.String("refusalEn", ZoneOutcomeText.English(outcome));
            w.String("refusalZh", ZoneOutcomeText.Chinese(outcome));
            if (outcome == ZoneResetOutcome.SettleTimeRunning)
            {
                long clearSinceMs = _table.ClearSinceMs(zone);
                w.Integer("clearForMs", clearSinceMs == None ? 0 : nowMs - clearSinceMs);
                w.Integer("settleMs", Config(zone).SettleMs);
            }
            EndZoneEvent(zone, outcome == ZoneResetOutcome.CausePersists ? LiveCount(zone) : 0);
        }

        private bool ResetLatchedLevels(int zone, long nowMs)
        {
            ZoneConfig zoneConfig = Config(zone);
            int count = _table.ChannelCount(zone);
            for (int i = 0; i < count; i++)
            {
                int channel = _table.Channel(zone, i);
                if (!_alarms.ClearStuck(channel, nowMs)) return false;
                for (int level = 0; level < _alarms.LevelCount(channel); level++)
                {
                    if ((int)_alarms.LevelKindOf(channel, level) < (int)zoneConfig.PermitLevel(i) || !_alarms.IsLatched(channel, level)) continue;
                    if (_alarms.ResetLevel(channel, level, nowMs) != ResetOutcome.Accepted) return false;
                }
            }
            return true;
        }

        /// <summary>
        /// A trip requested by the platform (or an operator): always accepted, latched, outputs
        /// off at once. zone &lt; 0 trips every zone. Returns false for an unknown zone.
        /// </summary>
        public bool RequestTrip(int zone, string reason)
        {
            if (zone >= ZoneCount) return false;
            long nowMs = _clock.MonotonicMs;
            try
            {
                int first = zone < 0 ? 0 : zone;
                int last = zone < 0 ? ZoneCount - 1 : zone;
                for (int tripped = first; tripped <= last; tripped++)
                {
                    Trip(tripped, Conditions.Bit(ConditionKind.RemoteTrip), nowMs);
                    RecordOne(EventKind.ZoneTripped, tripped, ConditionKind.RemoteTrip, reason == null ? "" : reason, double.NaN, double.NaN, "", null);
                }
            }
            catch (Exception)
            {
                FailSafe();
            }
            if (!IsConfigValid) AllOutputsOff();
            return true;
        }
    }
}
