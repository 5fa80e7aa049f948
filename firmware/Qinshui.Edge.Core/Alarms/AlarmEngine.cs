using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>
    /// Evaluates every channel's levels: thresholds with hysteresis, on/off delays, latching,
    /// acknowledge, reset with refusal reasons, inhibit with mandatory expiry, STEL/TWA, and
    /// fault on bad or stale data. All state is allocated in the constructor; Update and Tick
    /// allocate nothing.
    /// </summary>
    public sealed class AlarmEngine
    {
        private readonly ChannelConfig[] _configs;
        private readonly ChannelState[] _states;
        private readonly TransitionQueue _transitions;

        public AlarmEngine(ChannelConfig[] channels, int transitionCapacity)
        {
            _configs = channels;
            _states = new ChannelState[channels.Length];
            for (int i = 0; i < channels.Length; i++) _states[i] = new ChannelState(channels[i]);
            _transitions = new TransitionQueue(transitionCapacity);
        }

        public int ChannelCount { get { return _configs.Length; } }
        public TransitionQueue Transitions { get { return _transitions; } }

        public ChannelConfig Config(int channel) { return _configs[channel]; }
        public ChannelState State(int channel) { return _states[channel]; }

        public int IndexOf(string channelId)
        {
            for (int i = 0; i < _configs.Length; i++)
            {
                if (_configs[i].Id == channelId) return i;
            }
            return -1;
        }

        /// <summary>True when a level of this kind is active, latched or faulted (also true while the channel is faulted).</summary>
        public bool IsTripping(int channel, LevelKind kind)
        {
            ChannelConfig cfg = _configs[channel];
            LevelState[] levels = _states[channel].Levels;
            for (int i = 0; i < levels.Length; i++)
            {
                if (cfg.Levels[i].Kind == kind && levels[i].IsTripping) return true;
            }
            return false;
        }

        /// <summary>Submits a new reading of a channel and evaluates it at nowMs.</summary>
        public void Update(int channel, Reading reading, long nowMs)
        {
            ChannelState st = _states[channel];
            st.Last = reading;
            st.HasReading = true;
            Evaluate(channel, nowMs, true);
        }

        /// <summary>Advances time for every channel: staleness, delays, inhibit expiry.</summary>
        public void Tick(long nowMs)
        {
            for (int i = 0; i < _configs.Length; i++) Evaluate(i, nowMs, false);
        }

        public int Acknowledge(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _configs.Length) return 0;
            ChannelState st = _states[channel];
            int n = 0;
            for (int i = 0; i < st.Levels.Length; i++)
            {
                LevelState ls = st.Levels[i];
                bool annunciated = ls.Status == LevelStatus.Active || ls.Status == LevelStatus.ClearedAwaitingReset
                    || ls.Status == LevelStatus.Fault;
                if (annunciated && !ls.Acknowledged)
                {
                    ls.Acknowledged = true;
                    n++;
                    Emit(TransitionKind.Acknowledged, channel, i, ls.Status, ls.Status, nowMs);
                }
            }
            return n;
        }

        /// <summary>
        /// Resets every latched level of a channel, all or nothing: refused while any latched
        /// level's condition persists or the channel is faulted.
        /// </summary>
        public ResetOutcome Reset(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _configs.Length) return ResetOutcome.UnknownChannel;
            ChannelState st = _states[channel];
            bool any = false;
            for (int i = 0; i < st.Levels.Length; i++)
            {
                LevelState ls = st.Levels[i];
                if (!ls.Latched) continue;
                any = true;
                if (ls.Status == LevelStatus.Fault) return ResetOutcome.ChannelFault;
                if (ls.Status == LevelStatus.Active || ls.Status == LevelStatus.Pending) return ResetOutcome.ConditionPersists;
            }
            if (!any) return ResetOutcome.NothingToReset;
            for (int i = 0; i < st.Levels.Length; i++)
            {
                LevelState ls = st.Levels[i];
                if (!ls.Latched) continue;
                ResetLevel(channel, i, ls, nowMs);
            }
            return ResetOutcome.Accepted;
        }

        /// <summary>Resets one level.</summary>
        public ResetOutcome ResetLevel(int channel, int level, long nowMs)
        {
            if (channel < 0 || channel >= _configs.Length) return ResetOutcome.UnknownChannel;
            ChannelState st = _states[channel];
            if (level < 0 || level >= st.Levels.Length) return ResetOutcome.UnknownLevel;
            if (!_configs[channel].Levels[level].Latching) return ResetOutcome.NotLatching;
            LevelState ls = st.Levels[level];
            if (!ls.Latched) return ResetOutcome.NothingToReset;
            if (ls.Status == LevelStatus.Fault) return ResetOutcome.ChannelFault;
            if (ls.Status == LevelStatus.Active || ls.Status == LevelStatus.Pending) return ResetOutcome.ConditionPersists;
            ResetLevel(channel, level, ls, nowMs);
            return ResetOutcome.Accepted;
        }

        /// <summary>Inhibits a channel until a monotonic time; ends by itself (inhibit must expire).</summary>
        public InhibitOutcome Inhibit(int channel, long untilMs, long nowMs)
        {
            if (channel < 0 || channel >= _configs.Length) return InhibitOutcome.UnknownChannel;
            if (untilMs <= nowMs) return InhibitOutcome.ExpiryMissing;
            if (untilMs - nowMs > _configs[channel].MaxInhibitMs) return InhibitOutcome.TooLong;
            ChannelState st = _states[channel];
            bool was = st.IsInhibited;
            st.InhibitUntilMs = untilMs;
            if (!was) Emit(TransitionKind.InhibitStarted, channel, -1, LevelStatus.Normal, LevelStatus.Inhibited, nowMs);
            Evaluate(channel, nowMs, false);
            return InhibitOutcome.Accepted;
        }

        public void EndInhibit(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _configs.Length) return;
            ChannelState st = _states[channel];
            if (!st.IsInhibited) return;
            st.InhibitUntilMs = LevelState.None;
            Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            Evaluate(channel, nowMs, false);
        }

        private void ResetLevel(int channel, int level, LevelState ls, long nowMs)
        {
            LevelStatus from = ls.Status;
            ls.Latched = false;
            ls.Acknowledged = false;
            ls.ActiveSinceMs = LevelState.None;
            ls.RestoreSinceMs = LevelState.None;
            ls.ConditionSinceMs = LevelState.None;
            ls.Status = LevelStatus.Normal;
            Emit(TransitionKind.ResetAccepted, channel, level, from, LevelStatus.Normal, nowMs);
        }

        private void Evaluate(int channel, long nowMs, bool newSample)
        {
            ChannelConfig cfg = _configs[channel];
            ChannelState st = _states[channel];

            if (st.IsInhibited && nowMs >= st.InhibitUntilMs)
            {
                st.InhibitUntilMs = LevelState.None;
                Emit(TransitionKind.InhibitEnded, channel, -1, LevelStatus.Inhibited, LevelStatus.Normal, nowMs);
            }

            Quality q = ComputeQuality(cfg, st, nowMs);
            if (q != st.EffectiveQuality)
            {
                Quality before = st.EffectiveQuality;
                st.EffectiveQuality = q;
                AlarmTransition t = default(AlarmTransition);
                t.Kind = TransitionKind.QualityChanged;
                t.ChannelIndex = channel;
                t.LevelIndex = -1;
                t.Quality = q;
                t.Value = (double)(int)before;
                t.AtMs = nowMs;
                _transitions.Enqueue(ref t);
            }

            bool bad = QualityRules.IsBad(q);
            double value = st.Last.Value;

            if (st.Stel != null)
            {
                if (bad) { st.Stel.Interrupt(); st.Twa.Interrupt(); }
                else if (newSample) { st.Stel.Add(value, nowMs); st.Twa.Add(value, nowMs); }
                st.StelAverage = st.Stel.Average(nowMs);
                st.TwaAverage = st.Twa.Average(nowMs);
            }

            for (int i = 0; i < cfg.Levels.Length; i++)
            {
                LevelConfig lc = cfg.Levels[i];
                double v = lc.Source == LevelSource.Instant ? value
                    : (lc.Source == LevelSource.Stel ? st.StelAverage : st.TwaAverage);
                EvaluateLevel(channel, i, lc, st.Levels[i], v, bad, st.IsInhibited, nowMs);
            }
        }

        private static Quality ComputeQuality(ChannelConfig cfg, ChannelState st, long nowMs)
        {
            if (!st.HasReading) return Quality.NoData | (st.IsInhibited ? Quality.Inhibited : Quality.Good);
            Quality q = st.Last.Quality & ~(Quality.NoData | Quality.Inhibited);
            double v = st.Last.Value;
            // NaN fails both comparisons: it must be caught explicitly (bad data is a fault, never a value).
            if (double.IsNaN(v) || double.IsInfinity(v) || v < cfg.RangeMin || v > cfg.RangeMax) q |= Quality.OutOfRange;
            if (nowMs - st.Last.MonotonicMs > cfg.MaxAgeMs) q |= Quality.Stale;
            if (st.Last.Unit != cfg.Unit) q |= Quality.SensorFault;
            if (cfg.CalibrationDueUtcMs > 0 && st.Last.UtcMs >= cfg.CalibrationDueUtcMs) q |= Quality.CalibrationOverdue;
            if (st.IsInhibited) q |= Quality.Inhibited;
            return q;
        }

        private void EvaluateLevel(int channel, int index, LevelConfig lc, LevelState ls, double v, bool bad, bool inhibited, long nowMs)
        {
            LevelStatus from = ls.Status;

            if (bad)
            {
                // Bad data is a fault, never a value: drop the timers, keep the latch memory.
                ls.ConditionSinceMs = LevelState.None;
                ls.RestoreSinceMs = LevelState.None;
                if (from != LevelStatus.Fault)
                {
                    ls.Status = LevelStatus.Fault;
                    ls.Acknowledged = false;
                    Emit(TransitionKind.LevelChanged, channel, index, from, LevelStatus.Fault, nowMs, v);
                }
                return;
            }

            if (inhibited)
            {
                ls.ConditionSinceMs = LevelState.None;
                ls.RestoreSinceMs = LevelState.None;
                if (from != LevelStatus.Inhibited)
                {
                    ls.Status = LevelStatus.Inhibited;
                    Emit(TransitionKind.LevelChanged, channel, index, from, LevelStatus.Inhibited, nowMs, v);
                }
                return;
            }

            LevelStatus status = from;
            if (status == LevelStatus.Fault || status == LevelStatus.Inhibited)
            {
                // Re-enter from what the latch remembers: a latched level comes back latched.
                status = ls.Latched ? LevelStatus.ClearedAwaitingReset : LevelStatus.Normal;
            }

            bool on = lc.IsOnCondition(v);
            bool restored = lc.IsRestored(v);

            switch (status)
            {
                case LevelStatus.Normal:
                case LevelStatus.Pending:
                    if (on)
                    {
                        if (ls.ConditionSinceMs == LevelState.None) ls.ConditionSinceMs = nowMs;
                        if (nowMs - ls.ConditionSinceMs >= lc.OnDelayMs)
                        {
                            status = LevelStatus.Active;
                            ls.ActiveSinceMs = nowMs;
                            ls.RestoreSinceMs = LevelState.None;
                            ls.Acknowledged = false;
                            if (lc.Latching) ls.Latched = true;
                        }
                        else
                        {
                            status = LevelStatus.Pending;
                        }
                    }
                    else
                    {
                        ls.ConditionSinceMs = LevelState.None;
                        status = LevelStatus.Normal;
                    }
                    break;

                case LevelStatus.Active:
                    if (restored)
                    {
                        if (ls.RestoreSinceMs == LevelState.None) ls.RestoreSinceMs = nowMs;
                        if (nowMs - ls.RestoreSinceMs >= lc.OffDelayMs)
                        {
                            ls.ConditionSinceMs = LevelState.None;
                            ls.RestoreSinceMs = LevelState.None;
                            status = ls.Latched ? LevelStatus.ClearedAwaitingReset : LevelStatus.Normal;
                            if (status == LevelStatus.Normal) ls.Acknowledged = false;
                        }
                    }
                    else
                    {
                        ls.RestoreSinceMs = LevelState.None;
                    }
                    break;

                case LevelStatus.ClearedAwaitingReset:
                    if (on)
                    {
                        // Still latched: the condition's return is immediate, no on-delay.
                        status = LevelStatus.Active;
                        ls.ActiveSinceMs = nowMs;
                        ls.RestoreSinceMs = LevelState.None;
                    }
                    else if (!restored)
                    {
                        // Back in the hysteresis band: no longer below restore, so the condition
                        // has not cleared (AQ 1029-2019: re-energise only below restore). Hold active.
                        status = LevelStatus.Active;
                    }
                    break;
            }

            ls.Status = status;
            if (status != from) Emit(TransitionKind.LevelChanged, channel, index, from, status, nowMs, v);
        }

        private void Emit(TransitionKind kind, int channel, int level, LevelStatus from, LevelStatus to, long nowMs)
        {
            Emit(kind, channel, level, from, to, nowMs, _states[channel].Last.Value);
        }

        private void Emit(TransitionKind kind, int channel, int level, LevelStatus from, LevelStatus to, long nowMs, double value)
        {
            AlarmTransition t = default(AlarmTransition);
            t.Kind = kind;
            t.ChannelIndex = channel;
            t.LevelIndex = level;
            t.From = from;
            t.To = to;
            t.Value = value;
            t.Quality = _states[channel].EffectiveQuality;
            t.AtMs = nowMs;
            _transitions.Enqueue(ref t);
        }
    }
}
