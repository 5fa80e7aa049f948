namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Inhibit with mandatory expiry; the maximum bounds the continuous inhibited time (issue 13 #9).</summary>
    public sealed partial class AlarmEngine
    {
        /// <summary>Monotonic time at which the inhibit ends by itself (long.MinValue when not inhibited).</summary>
        public long InhibitUntilMs(int channel) { return _inhibitUntilMs[channel]; }

        /// <summary>Inhibits a channel until a monotonic time; ends by itself (inhibit must expire).</summary>
        public InhibitOutcome Inhibit(int channel, long untilMs, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return InhibitOutcome.UnknownChannel;
            if (untilMs <= nowMs) return InhibitOutcome.ExpiryMissing;
            // Issue 13 #9: a renewal before the end continues the same inhibit, so the maximum counts from its first start.
            bool was = IsInhibited(channel) && nowMs < _inhibitUntilMs[channel];
            long since = was ? _inhibitSinceMs[channel] : nowMs;
            if (untilMs - since > _maxInhibitMs[channel]) return InhibitOutcome.TooLong;
            if (!was && IsInhibited(channel)) Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            _inhibitSinceMs[channel] = since;
            _inhibitUntilMs[channel] = untilMs;
            if (!was) Emit(TransitionKind.InhibitStarted, channel, -1, LevelStatus.Normal, LevelStatus.Inhibited, nowMs);
            Evaluate(channel, nowMs, false);
            return InhibitOutcome.Accepted;
        }

        public void EndInhibit(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return;
            if (!IsInhibited(channel)) return;
            _inhibitUntilMs[channel] = None;
            Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            Evaluate(channel, nowMs, false);
        }
    }
}
