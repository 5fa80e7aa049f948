namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Output feedback and bypass (沁政发〔2026〕1号 (九): detect a load powered while its
    /// permissive is off): a contactor that did not follow its command, a welded contact, and
    /// load current or a load input while the output is off, each judged once the output's
    /// command has been steady for its FeedbackSettleMs.
    /// </summary>
    public sealed partial class ZoneEngine
    {
        /// <summary>Feedback and bypass causes of the zone's i-th output (subject: that position).</summary>
        private void CheckFeedback(int zone, int position, long nowMs)
        {
            int output = _table.Output(zone, position);
            OutputConfig outputConfig = _config.Outputs[output];
            bool on = _table.IsOutputOn(output);
            long changedMs = _table.OutputChangedMs(output);
            bool settled = changedMs != None && nowMs - changedMs >= outputConfig.FeedbackSettleMs;
            int feedback = _table.FeedbackInput(output);
            if (feedback >= 0)
            {
                if (!_table.IsInputOk(feedback))
                {
                    Add(zone, ConditionKind.InputUnreadable, 0, feedback);
                }
                else if (settled && on && !_table.IsInputActive(feedback))
                {
                    Add(zone, ConditionKind.OutputFailed, 0, position);
                }
                else if (settled && !on && _table.IsInputActive(feedback))
                {
                    Add(zone, ConditionKind.WeldedContact, 0, position);
                }
            }
            int loadChannel = _table.LoadChannel(output);
            if (loadChannel >= 0 && ChannelUsable(zone, LoadReference(zone, position), nowMs) && settled && !on)
            {
                double amps = _alarms.LastValue(loadChannel);
                if (amps >= outputConfig.LoadCurrentThresholdAmps) Add(zone, ConditionKind.BypassSuspected, 0, position);
            }
            int loadInput = _table.LoadInput(output);
            if (loadInput >= 0)
            {
                if (!_table.IsInputOk(loadInput)) Add(zone, ConditionKind.InputUnreadable, 0, loadInput);
                else if (settled && !on && _table.IsInputActive(loadInput)) Add(zone, ConditionKind.BypassSuspected, DetailLoadInput, position);
            }
        }

        /// <summary>The channel reference of the zone's i-th output's load current (that output has one).</summary>
        private int LoadReference(int zone, int position)
        {
            int reference = _table.ChannelCount(zone) + (Config(zone).Collector != null ? ZoneWiring.CollectorChannels : 0);
            for (int before = 0; before < position; before++)
            {
                if (_table.LoadChannel(_table.Output(zone, before)) >= 0) reference++;
            }
            return reference;
        }

        /// <summary>Whether every output of the zone has a feedback input (a proof test needs one to confirm the cut).</summary>
        private bool HasFeedback(int zone)
        {
            int count = _table.OutputCountOf(zone);
            for (int position = 0; position < count; position++)
            {
                if (_table.FeedbackInput(_table.Output(zone, position)) < 0) return false;
            }
            return count > 0;
        }
    }
}
