using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Polls every device of a bus through one master, one transaction at a time, stepped from the
    /// scan. Each device has its own interval (shorter while one of its points is in alarm); its
    /// points are read in merged blocks; a failed block ends that device's cycle at once so a dead
    /// device costs the bus only its own timeout and retries; after MissesBeforeFault failed polls
    /// its readings get CommunicationFault and its interval backs off (doubling, up to BackoffMaxMs).
    /// Everything is allocated in the constructor; Step allocates nothing.
    /// </summary>
    public sealed class ModbusPoller
    {
        private static readonly double[] s_pow10 = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };

        private readonly ModbusMaster _master;
        private readonly IClock _clock;
        private readonly ModbusDeviceConfig[] _devices;
        private readonly ModbusDevicePlan[] _plans;
        private readonly ModbusDeviceState[] _states;
        private readonly ModbusTransaction[][] _transactions;
        private readonly int[] _firstPoint;
        private readonly int[] _pointDevice;
        private readonly bool[] _pointInAlarm;
        private readonly Reading[] _readings;
        private readonly Quality[] _statusQuality;
        private int _activeDevice = -1;
        private int _nextDevice;

        public ModbusPoller(ModbusMaster master, IClock clock, ModbusDeviceConfig[] devices)
        {
            _master = master;
            _clock = clock;
            _devices = devices;
            _plans = new ModbusDevicePlan[devices.Length];
            _states = new ModbusDeviceState[devices.Length];
            _transactions = new ModbusTransaction[devices.Length][];
            _firstPoint = new int[devices.Length + 1];
            int points = 0;
            long now = clock.MonotonicMs;
            for (int d = 0; d < devices.Length; d++)
            {
                _firstPoint[d] = points;
                points += devices[d].Profile.Points.Length;
                ModbusDevicePlan plan = ModbusPlanner.Plan(devices[d]);
                _plans[d] = plan;
                _transactions[d] = new ModbusTransaction[plan.Blocks.Length];
                for (int b = 0; b < plan.Blocks.Length; b++)
                {
                    ModbusBlock block = plan.Blocks[b];
                    bool bits = FunctionCode.IsBitRead(block.Function);
                    ModbusTransaction t = new ModbusTransaction(bits ? 1 : block.Quantity, bits ? block.Quantity : 1);
                    t.SetRead(devices[d].Unit, block.Function, block.Address, block.Quantity);
                    _transactions[d][b] = t;
                }
                _states[d] = new ModbusDeviceState();
                _states[d].NextPollMs = now;
            }
            _firstPoint[devices.Length] = points;
            _pointDevice = new int[points];
            _pointInAlarm = new bool[points];
            _readings = new Reading[points];
            _statusQuality = new Quality[points];
            for (int d = 0; d < devices.Length; d++)
            {
                for (int i = _firstPoint[d]; i < _firstPoint[d + 1]; i++)
                {
                    _pointDevice[i] = d;
                    _readings[i] = new Reading(0, devices[d].Profile.Points[i - _firstPoint[d]].Unit, Quality.NoData, now, clock.UtcMs);
                }
            }
        }

        public int DeviceCount { get { return _devices.Length; } }
        public int PointCount { get { return _readings.Length; } }

        /// <summary>Index of a device's first point in the flat point numbering.</summary>
        public int FirstPoint(int device) { return _firstPoint[device]; }

        public int DeviceOf(int point) { return _pointDevice[point]; }

        public ModbusPointConfig PointConfig(int point)
        {
            int d = _pointDevice[point];
            return _devices[d].Profile.Points[point - _firstPoint[d]];
        }

        public ModbusDeviceState DeviceState(int device) { return _states[device]; }
        public ModbusDevicePlan DevicePlan(int device) { return _plans[device]; }

        /// <summary>The latest reading of a point (its Quality says whether the value may be used).</summary>
        public Reading ReadingOf(int point) { return _readings[point]; }

        /// <summary>ASCII text of an Ascii point from the last good poll (identity codes); returns the byte count.</summary>
        public int CopyText(int point, byte[] dest, int offset)
        {
            int d = _pointDevice[point];
            int local = point - _firstPoint[d];
            ModbusPointConfig pc = _devices[d].Profile.Points[local];
            if (pc.Type != RegisterType.Ascii || QualityRules.IsBad(_readings[point].Quality)) return 0;
            ModbusTransaction t = _transactions[d][_plans[d].PointBlock[local]];
            return RegisterCodec.CopyAscii(t.Registers, _plans[d].PointOffset[local], pc.Length, dest, offset);
        }

        /// <summary>The alarm engine says whether a point is in alarm: its device is then polled at the alarm interval.</summary>
        public void SetInAlarm(int point, bool inAlarm)
        {
            if (_pointInAlarm[point] == inAlarm) return;
            _pointInAlarm[point] = inAlarm;
            ModbusDeviceState s = _states[_pointDevice[point]];
            s.PointsInAlarm += inAlarm ? 1 : -1;
            if (inAlarm)
            {
                // Bring the next poll forward so the faster interval applies at once.
                ModbusDeviceConfig c = _devices[_pointDevice[point]];
                long soonest = s.CycleStartMs + c.AlarmPollIntervalMs;
                if (s.Misses < c.MissesBeforeFault && soonest < s.NextPollMs) s.NextPollMs = soonest;
            }
        }

        /// <summary>Advances polling by at most one master step. Call every scan.</summary>
        public void Step()
        {
            if (_activeDevice >= 0)
            {
                ModbusDeviceState s = _states[_activeDevice];
                ModbusTransaction t = _transactions[_activeDevice][s.CurrentBlock];
                if (_master.Step() == ModbusStatus.Pending) return;
                OnBlockDone(_activeDevice, t);
                if (_activeDevice >= 0)
                {
                    StartBlock(_activeDevice);
                    return;
                }
            }
            if (_master.IsBusy)
            {
                _master.Step();
                return;
            }
            long now = _clock.MonotonicMs;
            int n = _devices.Length;
            for (int i = 0; i < n; i++)
            {
                int d = (_nextDevice + i) % n;
                ModbusDeviceState s = _states[d];
                if (now >= s.NextPollMs && _plans[d].Blocks.Length > 0)
                {
                    _nextDevice = (d + 1) % n;
                    s.CycleStartMs = now;
                    s.CurrentBlock = 0;
                    _activeDevice = d;
                    StartBlock(d);
                    return;
                }
            }
            _master.Step();
        }

        private void StartBlock(int d)
        {
            ModbusTransaction t = _transactions[d][_states[d].CurrentBlock];
            _master.Start(t);
            _master.Step();
        }

        private void OnBlockDone(int d, ModbusTransaction t)
        {
            ModbusDeviceState s = _states[d];
            ModbusDeviceConfig c = _devices[d];
            long now = _clock.MonotonicMs;
            s.LastStatus = t.Status;
            s.LastExceptionCode = t.ExceptionCode;
            if (t.Status == ModbusStatus.Ok)
            {
                s.CurrentBlock++;
                if (s.CurrentBlock < _plans[d].Blocks.Length) return;
                s.CurrentBlock = -1;
                s.Misses = 0;
                s.Polls++;
                s.LastSuccessMs = now;
                Decode(d, now);
                long next = s.CycleStartMs + Interval(d);
                s.NextPollMs = next > now ? next : now;
                _activeDevice = -1;
                return;
            }
            // Any fault ends this device's cycle: the others are not kept waiting.
            s.CurrentBlock = -1;
            s.Misses++;
            s.Polls++;
            s.Failures++;
            _activeDevice = -1;
            long interval = Interval(d);
            if (s.Misses >= c.MissesBeforeFault)
            {
                MarkCommunicationFault(d);
                // Back off: double per further miss, capped; an interval already longer stays.
                int doublings = s.Misses - c.MissesBeforeFault + 1;
                long backoff = interval;
                for (int i = 0; i < doublings && backoff < c.BackoffMaxMs; i++) backoff *= 2;
                if (backoff > c.BackoffMaxMs) backoff = c.BackoffMaxMs > interval ? c.BackoffMaxMs : interval;
                interval = backoff;
            }
            // Keep the device's cadence (from the cycle's start) so a failing device does not drift.
            long due = s.CycleStartMs + interval;
            s.NextPollMs = due > now ? due : now;
        }

        private long Interval(int d)
        {
            ModbusDeviceConfig c = _devices[d];
            return _states[d].PointsInAlarm > 0 && c.AlarmPollIntervalMs < c.PollIntervalMs ? c.AlarmPollIntervalMs : c.PollIntervalMs;
        }

        private void MarkCommunicationFault(int d)
        {
            for (int i = _firstPoint[d]; i < _firstPoint[d + 1]; i++)
            {
                // The value stays for diagnostics but is flagged: bad data is a fault, never a value.
                _readings[i].Quality = (_readings[i].Quality & ~Quality.NoData) | Quality.CommunicationFault;
            }
        }

        private void Decode(int d, long now)
        {
            ModbusDeviceConfig c = _devices[d];
            ModbusDevicePlan plan = _plans[d];
            ModbusTransaction[] txs = _transactions[d];
            int first = _firstPoint[d];
            int count = _firstPoint[d + 1] - first;
            for (int i = 0; i < count; i++) _statusQuality[first + i] = Quality.Good;
            ModbusStatusRule[] rules = c.Profile.StatusRules;
            if (rules != null)
            {
                for (int r = 0; r < rules.Length; r++)
                {
                    ushort reg = txs[plan.RuleBlock[r]].Registers[plan.RuleOffset[r]];
                    if (!rules[r].Matches(reg)) continue;
                    int[] targets = plan.RuleTargets[r];
                    if (targets == null)
                    {
                        for (int i = 0; i < count; i++) _statusQuality[first + i] |= rules[r].Quality;
                    }
                    else
                    {
                        for (int i = 0; i < targets.Length; i++)
                        {
                            if (targets[i] >= 0) _statusQuality[first + targets[i]] |= rules[r].Quality;
                        }
                    }
                }
            }
            long utc = _clock.UtcMs;
            for (int i = 0; i < count; i++)
            {
                ModbusPointConfig pc = c.Profile.Points[i];
                double value;
                Quality q = _statusQuality[first + i];
                if (!TryValue(pc, txs[plan.PointBlock[i]], plan.PointOffset[i], plan.DecimalBlock[i] < 0 ? null : txs[plan.DecimalBlock[i]], plan.DecimalOffset[i], out value))
                {
                    q |= Quality.OutOfRange;
                    value = 0;
                }
                if (!_clock.IsTrusted) q |= Quality.ClockUntrusted;
                _readings[first + i] = new Reading(value, pc.Unit, q, now, utc);
            }
        }

        /// <summary>The engineering value of a point from its block; false when the registers do not make a number.</summary>
        public static bool TryValue(ModbusPointConfig pc, ModbusTransaction block, int offset, ModbusTransaction decimalBlock, int decimalOffset, out double value)
        {
            double raw;
            switch (pc.Type)
            {
                case RegisterType.Bool:
                    raw = block.Bits[offset] ? 1 : 0;
                    break;
                case RegisterType.Bits:
                    raw = RegisterCodec.BitField(block.Registers[offset], pc.BitIndex, pc.BitCount);
                    break;
                case RegisterType.Ascii:
                    value = 0;
                    return true;
                default:
                    if (!RegisterCodec.TryDecode(block.Registers, offset, pc.Type, pc.Order, out raw))
                    {
                        value = 0;
                        return false;
                    }
                    break;
            }
            if (decimalBlock != null)
            {
                int dp = decimalBlock.Registers[decimalOffset];
                if (dp >= s_pow10.Length)
                {
                    value = 0;
                    return false;
                }
                raw /= s_pow10[dp];
            }
            value = raw * pc.Scale + pc.Offset;
            return true;
        }
    }
}
