using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Alarms
{
    /// <summary>Level state machine: thresholds with hysteresis, delays, latching, acknowledge and reset.</summary>
    public sealed partial class AlarmEngine
    {
        // ---- Level state ----

        public LevelStatus Status(int channel, int level) { return (LevelStatus)(_levelState[_firstLevel[channel] + level] & StatusBits); }

        public bool IsAcknowledged(int channel, int level) { return (_levelState[_firstLevel[channel] + level] & AcknowledgedBit) != 0; }

        /// <summary>True from activation of a latching level until its accepted reset; survives faults.</summary>
        public bool IsLatched(int channel, int level) { return (_levelState[_firstLevel[channel] + level] & LatchedBit) != 0; }

        /// <summary>Active, latched or faulted: what a dependent interlock must treat as tripped.</summary>
        public bool IsLevelTripping(int channel, int level) { return Tripping(_firstLevel[channel] + level); }

        /// <summary>True when a level of this kind is active, latched or faulted (also true while the channel is faulted).</summary>
        public bool IsTripping(int channel, LevelKind kind)
        {
            for (int l = _firstLevel[channel]; l < _firstLevel[channel + 1]; l++)
            {
                if ((LevelKind)(_levelConfig[l] & 3) == kind && Tripping(l)) return true;
            }
            return false;
        }

        private bool Tripping(int l)
        {
            int s = _levelState[l];
            LevelStatus status = (LevelStatus)(s & StatusBits);
            return status == LevelStatus.Active || status == LevelStatus.ClearedAwaitingReset
                || status == LevelStatus.Fault || (s & LatchedBit) != 0;
        }

        private LevelStatus StatusAt(int l) { return (LevelStatus)(_levelState[l] & StatusBits); }

        private void SetStatus(int l, LevelStatus status) { _levelState[l] = (byte)((_levelState[l] & ~StatusBits) | (int)status); }

        private void SetFlag(int l, int bit, bool on)
        {
            _levelState[l] = (byte)(on ? _levelState[l] | bit : _levelState[l] & ~bit);
        }

        public int Acknowledge(int channel, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return 0;
            int n = 0;
            int first = _firstLevel[channel];
            for (int l = first; l < _firstLevel[channel + 1]; l++)
            {
                LevelStatus s = StatusAt(l);
                bool annunciated = s == LevelStatus.Active || s == LevelStatus.ClearedAwaitingReset || s == LevelStatus.Fault;
                if (annunciated && (_levelState[l] & AcknowledgedBit) == 0)
                {
                    SetFlag(l, AcknowledgedBit, true);
                    n++;
                    Emit(TransitionKind.Acknowledged, channel, l - first, s, s, nowMs);
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
            if (channel < 0 || channel >= _ids.Length) return ResetOutcome.UnknownChannel;
            bool wasStuck = _stuck.IsStuck(channel);
            if (!ClearStuck(channel, nowMs)) return ResetOutcome.SensorStuck;
            int first = _firstLevel[channel];
            int end = _firstLevel[channel + 1];
            bool any = false;
            for (int l = first; l < end; l++)
            {
                if ((_levelState[l] & LatchedBit) == 0) continue;
                any = true;
                LevelStatus s = StatusAt(l);
                if (s == LevelStatus.Fault) return ResetOutcome.ChannelFault;
                if (s == LevelStatus.Active || s == LevelStatus.Pending) return ResetOutcome.ConditionPersists;
            }
            if (!any) return wasStuck ? ResetOutcome.Accepted : ResetOutcome.NothingToReset;
            for (int l = first; l < end; l++)
            {
                if ((_levelState[l] & LatchedBit) == 0) continue;
                ResetAt(channel, l, first, nowMs);
            }
            return ResetOutcome.Accepted;
        }

        /// <summary>Resets one level.</summary>
        public ResetOutcome ResetLevel(int channel, int level, long nowMs)
        {
            if (channel < 0 || channel >= _ids.Length) return ResetOutcome.UnknownChannel;
            if (level < 0 || level >= LevelCount(channel)) return ResetOutcome.UnknownLevel;
            int first = _firstLevel[channel];
            int l = first + level;
            if ((_levelConfig[l] & LatchingBit) == 0) return ResetOutcome.NotLatching;
            if ((_levelState[l] & LatchedBit) == 0) return ResetOutcome.NothingToReset;
            LevelStatus s = StatusAt(l);
            if (s == LevelStatus.Fault) return ResetOutcome.ChannelFault;
            if (s == LevelStatus.Active || s == LevelStatus.Pending) return ResetOutcome.ConditionPersists;
            ResetAt(channel, l, first, nowMs);
            return ResetOutcome.Accepted;
        }

        private void ResetAt(int channel, int l, int first, long nowMs)
        {
            LevelStatus from = StatusAt(l);
            _levelState[l] = (byte)LevelStatus.Normal; // not latched, not acknowledged
            _timerSinceMs[l] = None;
            Emit(TransitionKind.ResetAccepted, channel, l - first, from, LevelStatus.Normal, nowMs);
        }

        private void EvaluateLevel(int channel, int l, int first, double v, bool bad, bool inhibited, long nowMs)
        {
            int index = l - first;
            LevelStatus from = StatusAt(l);

            if (EnterFaultOrInhibit(channel, l, index, from, v, bad, inhibited, nowMs)) return;

            bool latched = (_levelState[l] & LatchedBit) != 0;
            LevelStatus status = from;
            if (status == LevelStatus.Fault || status == LevelStatus.Inhibited)
            {
                // Re-enter from what the latch remembers: a latched level comes back latched.
                status = latched ? LevelStatus.ClearedAwaitingReset : LevelStatus.Normal;
            }

            int cfg = _levelConfig[l];
            bool high = (cfg & DirectionBit) == 0;
            // High: active when value ≥ threshold, clears when value < restore (≤ threshold).
            // Low: active when value < threshold, clears when value ≥ restore (≥ threshold).
            bool on = high ? v >= _threshold[l] : v < _threshold[l];
            bool restored = high ? v < _restore[l] : v >= _restore[l];

            status = NextStatus(l, status, on, restored, latched, cfg, nowMs);

            SetStatus(l, status);
            if (status != from) Emit(TransitionKind.LevelChanged, channel, index, from, status, nowMs, v);
        }

        /// <summary>Bad data is a fault and an inhibit suspends the level: true when either holds (the level is then done).</summary>
        private bool EnterFaultOrInhibit(int channel, int l, int index, LevelStatus from, double v, bool bad, bool inhibited, long nowMs)
        {
            if (bad)
            {
                // Bad data is a fault, never a value: drop the timers, keep the latch memory.
                _timerSinceMs[l] = None;
                if (from != LevelStatus.Fault)
                {
                    SetStatus(l, LevelStatus.Fault);
                    SetFlag(l, AcknowledgedBit, false);
                    Emit(TransitionKind.LevelChanged, channel, index, from, LevelStatus.Fault, nowMs, v);
                }
                return true;
            }

            if (inhibited)
            {
                _timerSinceMs[l] = None;
                if (from != LevelStatus.Inhibited)
                {
                    SetStatus(l, LevelStatus.Inhibited);
                    Emit(TransitionKind.LevelChanged, channel, index, from, LevelStatus.Inhibited, nowMs, v);
                }
                return true;
            }
            return false;
        }

        /// <summary>One step of a level's state machine from Normal, Pending, Active or ClearedAwaitingReset.</summary>
        private LevelStatus NextStatus(int l, LevelStatus status, bool on, bool restored, bool latched, int cfg, long nowMs)
        {
            switch (status)
            {
                case LevelStatus.Normal:
                case LevelStatus.Pending:
                    if (on)
                    {
                        if (_timerSinceMs[l] == None) _timerSinceMs[l] = nowMs;
                        if (nowMs - _timerSinceMs[l] >= _onDelayMs[l])
                        {
                            status = LevelStatus.Active;
                            _timerSinceMs[l] = None;
                            SetFlag(l, AcknowledgedBit, false);
                            if ((cfg & LatchingBit) != 0) SetFlag(l, LatchedBit, true);
                        }
                        else
                        {
                            status = LevelStatus.Pending;
                        }
                    }
                    else
                    {
                        _timerSinceMs[l] = None;
                        status = LevelStatus.Normal;
                    }
                    break;

                case LevelStatus.Active:
                    if (restored)
                    {
                        if (_timerSinceMs[l] == None) _timerSinceMs[l] = nowMs;
                        if (nowMs - _timerSinceMs[l] >= _offDelayMs[l])
                        {
                            _timerSinceMs[l] = None;
                            status = latched ? LevelStatus.ClearedAwaitingReset : LevelStatus.Normal;
                            if (status == LevelStatus.Normal) SetFlag(l, AcknowledgedBit, false);
                        }
                    }
                    else
                    {
                        _timerSinceMs[l] = None;
                    }
                    break;

                case LevelStatus.ClearedAwaitingReset:
                    if (on)
                    {
                        // Still latched: the condition's return is immediate, no on-delay.
                        status = LevelStatus.Active;
                        _timerSinceMs[l] = None;
                    }
                    else if (!restored)
                    {
                        // Back in the hysteresis band: no longer below restore, so the condition
                        // has not cleared (AQ 1029-2019: re-energise only below restore). Hold active.
                        status = LevelStatus.Active;
                    }
                    break;
            }
            return status;
        }

        private void Emit(TransitionKind kind, int channel, int level, LevelStatus from, LevelStatus to, long nowMs)
        {
            Emit(kind, channel, level, from, to, nowMs, _value[channel]);
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
            t.Quality = EffectiveQuality(channel);
            t.AtMs = nowMs;
            _transitions.Enqueue(ref t);
        }
    }
}
