using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Events;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// The proof test (AQ 1029-2019: every 15 days): trip the zone through a simulated
    /// over-limit and confirm from every output's feedback that the power was cut in time.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        /// <summary>Last passed proof test older than the zone's interval (or none since boot). Needs a trusted clock to say no.</summary>
        public bool IsProofTestOverdue(int zone)
        {
            long lastPassedUtcMs = _table.LastProofPassedUtcMs(zone);
            if (lastPassedUtcMs == None || !_clock.IsTrusted) return true;
            return _clock.UtcMs - lastPassedUtcMs > Config(zone).ProofTestIntervalMs;
        }

        /// <summary>
        /// Starts a proof test (AQ 1029-2019: every 15 days): the zone is tripped through a
        /// simulated over-limit in this call, and the next evaluations wait for every output's
        /// feedback to confirm the cut within ProofTestTimeoutMs. The result is an event.
        /// </summary>
        public ProofTestOutcome StartProofTest(int zone)
        {
            if (!IsConfigValid) return ProofTestOutcome.ConfigInvalid;
            if (zone < 0 || zone >= ZoneCount) return ProofTestOutcome.UnknownZone;
            long nowMs = _clock.MonotonicMs;
            ProofTestOutcome outcome = ProofTestOutcome.Accepted;
            if (ProofPhase(zone) != ProofTestPhase.Idle) outcome = ProofTestOutcome.AlreadyRunning;
            // Standing by for work authorisation counts as not permitted: the outputs are off, nothing to prove.
            else if (!IsPermitted(zone) || (LiveMask(zone) & AuthorisationBit) != 0) outcome = ProofTestOutcome.NotPermitted;
            else if (!HasFeedback(zone)) outcome = ProofTestOutcome.NoFeedback;
            if (outcome != ProofTestOutcome.Accepted)
            {
                JsonWriter w = BeginZoneEvent(EventKind.ProofTestRefused, zone, ZoneOutcomeText.Code(outcome));
                w.String("refusalEn", ZoneOutcomeText.English(outcome));
                w.String("refusalZh", ZoneOutcomeText.Chinese(outcome));
                EndZoneEvent(zone, 0);
                return outcome;
            }

            // The simulated over-limit: the first listed channel at its highest threshold.
            string subject = Config(zone).Id;
            double value = double.NaN;
            string unit = "";
            string standard = null;
            if (_table.ChannelCount(zone) > 0)
            {
                int channel = _table.Channel(zone, 0);
                subject = _alarms.ChannelId(channel);
                unit = UnitOf(channel);
                standard = ChannelStandard(channel);
                value = HighestHighThreshold(channel);
            }
            Trip(zone, Conditions.Bit(ConditionKind.ProofTest), nowMs);
            _table.SetFlag(zone, ZoneTable.AwaitingCutFlag, true);
            _table.SetProofStartedMs(zone, nowMs);
            _table.SetProofStartedUtcMs(zone, _clock.UtcMs);
            RecordOne(EventKind.ProofTestStarted, zone, ConditionKind.ProofTest, subject, value, value, unit, standard);
            return outcome;
        }

        /// <summary>The channel's highest high-direction threshold (NaN when it has none).</summary>
        private double HighestHighThreshold(int channel)
        {
            double highest = double.NaN;
            for (int level = 0; level < _alarms.LevelCount(channel); level++)
            {
                if (_alarms.LevelDirection(channel, level) == Direction.High
                    && (double.IsNaN(highest) || _alarms.Threshold(channel, level) > highest)) highest = _alarms.Threshold(channel, level);
            }
            return highest;
        }

        private void ProgressProofTest(int zone, long nowMs)
        {
            int count = _table.OutputCountOf(zone);
            bool allCut = true;
            for (int position = 0; position < count; position++)
            {
                int feedback = _table.FeedbackInput(_table.Output(zone, position));
                if (feedback < 0 || !_table.IsInputOk(feedback) || _table.IsInputActive(feedback)) allCut = false;
            }
            long elapsedMs = nowMs - _table.ProofStartedMs(zone);
            if (!allCut && elapsedMs < Config(zone).ProofTestTimeoutMs) return;
            _table.SetFlag(zone, ZoneTable.AwaitingCutFlag, false);
            if (allCut && _clock.IsTrusted) _table.SetLastProofPassedUtcMs(zone, _clock.UtcMs);
            EventKind kind = allCut ? EventKind.ProofTestPassed : EventKind.ProofTestFailed;
            JsonWriter w = BeginZoneEvent(kind, zone, allCut ? "cut_confirmed" : "cut_not_confirmed");
            w.StartObject("proofTest");
            w.Integer("startedUtcMs", _table.ProofStartedUtcMs(zone));
            w.Integer("endedUtcMs", _clock.UtcMs);
            w.Integer("elapsedMs", elapsedMs);
            w.Integer("timeoutMs", Config(zone).ProofTestTimeoutMs);
            w.Bool("passed", allCut);
            w.EndObject();
            if (allCut) EndZoneEvent(zone, 0);
            else EndZoneEvent(zone, LiveCount(zone));
        }
    }
}
