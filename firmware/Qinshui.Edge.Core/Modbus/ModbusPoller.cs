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
    ///
    /// Memory (docs/memory.md, "How objects are counted"): on nanoFramework every class field costs
    /// 12 bytes and every struct in an array is boxed, so the per-device, per-block and per-point
    /// state is kept in a few primitive arrays with a fixed stride (the record layouts below), the
    /// registers of every block in one array, and one transaction is reused for every block. The
    /// configuration objects stay where they are (the gateway's configuration holds them).
    /// </summary>
    public sealed partial class ModbusPoller
    {
        /// <summary>Longest request the poller sends (it only reads: unit, function, address, quantity, CRC).</summary>
        public const int MaxRequestBytes = 8;

        // Per device (int record; one more record after the last device closes the ranges).
        private const int DevFirstPoint = 0;
        private const int DevFirstBlock = 1;
        private const int DevFirstRule = 2;
        private const int DevMisses = 3;
        private const int DevPointsInAlarm = 4;
        private const int DevPolls = 5;
        private const int DevFailures = 6;
        /// <summary>Last status | exception code &lt;&lt; 8.</summary>
        private const int DevLastResult = 7;
        private const int DevInts = 8;

        // Per device (long record).
        private const int DevNextPollMs = 0;
        private const int DevCycleStartMs = 1;
        /// <summary>-1 until the first good poll; also the monotonic time of the readings decoded then.</summary>
        private const int DevLastSuccessMs = 2;
        private const int DevReadUtcMs = 3;
        private const int DevLongs = 4;

        // Per block.
        private const int BlockFunction = 0;
        private const int BlockAddress = 1;
        private const int BlockQuantity = 2;
        /// <summary>Index of the block's first register in _registers (or bit in _bits).</summary>
        private const int BlockData = 3;
        private const int BlockInts = 4;

        // Per point.
        /// <summary>Quality (bits 0–15) | InAlarmFlag | device index &lt;&lt; DeviceShift.</summary>
        private const int PointState = 0;
        /// <summary>Index of the point's first register in _registers (its bit in _bits for Bool).</summary>
        private const int PointAt = 1;
        /// <summary>Index of its decimal-point register in _registers, or -1.</summary>
        private const int PointDecimalAt = 2;
        private const int PointInts = 3;
        private const int QualityMask = 0xFFFF;
        private const int InAlarmFlag = 0x10000;
        private const int DeviceShift = 17;

        // Per status rule: its register in _registers, then its targets (indices into _rules; count -1 = every point).
        private const int RuleAt = 0;
        private const int RuleTargetStart = 1;
        private const int RuleTargetCount = 2;
        private const int RuleInts = 3;

        private readonly ModbusMaster _master;
        private readonly IClock _clock;
        private readonly ModbusDeviceConfig[] _devices;
        private readonly int[] _dev;
        private readonly long[] _devTime;
        private readonly int[] _block;
        private readonly int[] _point;
        private readonly double[] _value;
        private readonly int[] _rules;
        private readonly ushort[] _registers;
        private readonly bool[] _bits;
        /// <summary>The one transaction every block read goes through; its result is copied into _registers/_bits.</summary>
        private readonly ModbusTransaction _t;
        /// <summary>Monotonic time of the readings before the first good poll.</summary>
        private readonly long _createdMs;
        private int _activeDevice = -1;
        private int _currentBlock = -1;
        private int _nextDevice;

        public ModbusPoller(ModbusMaster master, IClock clock, ModbusDeviceConfig[] devices)
        {
            _master = master;
            _clock = clock;
            _devices = devices;
            int n = devices.Length;
            _createdMs = clock.MonotonicMs;
            long utc = clock.UtcMs;

            // Plans exist only here: their blocks and offsets are flattened into the arrays.
            ModbusDevicePlan[] plans = new ModbusDevicePlan[n];
            int points = 0, blocks = 0, rules = 0, targets = 0, registers = 0, bits = 0, maxRegisters = 1, maxBits = 1;
            for (int d = 0; d < n; d++)
            {
                ModbusDeviceProfile p = devices[d].Profile;
                plans[d] = ModbusPlanner.Plan(devices[d]);
                points += p.Points.Length;
                blocks += plans[d].Blocks.Length;
                if (p.StatusRules != null)
                {
                    rules += p.StatusRules.Length;
                    for (int r = 0; r < p.StatusRules.Length; r++) targets += p.StatusRules[r].PointIds == null ? 0 : p.StatusRules[r].PointIds.Length;
                }
                for (int b = 0; b < plans[d].Blocks.Length; b++)
                {
                    ModbusBlock block = plans[d].Blocks[b];
                    if (FunctionCode.IsBitRead(block.Function))
                    {
                        bits += block.Quantity;
                        if (block.Quantity > maxBits) maxBits = block.Quantity;
                    }
                    else
                    {
                        registers += block.Quantity;
                        if (block.Quantity > maxRegisters) maxRegisters = block.Quantity;
                    }
                }
            }
            _dev = new int[(n + 1) * DevInts];
            _devTime = new long[n * DevLongs];
            _block = new int[blocks * BlockInts];
            _point = new int[points * PointInts];
            _value = new double[points];
            _rules = new int[rules * RuleInts + targets];
            _registers = new ushort[registers];
            _bits = new bool[bits];
            _t = new ModbusTransaction(maxRegisters, maxBits);

            FlattenPlans(plans, rules, utc);
        }

        /// <summary>Writes each device's plan into the record arrays the constructor sized: its blocks, points, status rules and their targets.</summary>
        private void FlattenPlans(ModbusDevicePlan[] plans, int ruleCount, long utc)
        {
            ModbusDeviceConfig[] devices = _devices;
            int n = devices.Length;
            int point = 0, blk = 0, rule = 0, target = ruleCount * RuleInts, reg = 0, bit = 0;
            for (int d = 0; d < n; d++)
            {
                ModbusDevicePlan plan = plans[d];
                ModbusDeviceProfile p = devices[d].Profile;
                int firstBlock = blk;
                _dev[d * DevInts + DevFirstPoint] = point;
                _dev[d * DevInts + DevFirstBlock] = blk;
                _dev[d * DevInts + DevFirstRule] = rule;
                _devTime[d * DevLongs + DevNextPollMs] = _createdMs;
                _devTime[d * DevLongs + DevLastSuccessMs] = -1;
                _devTime[d * DevLongs + DevReadUtcMs] = utc;
                for (int b = 0; b < plan.Blocks.Length; b++, blk++)
                {
                    ModbusBlock block = plan.Blocks[b];
                    bool isBits = FunctionCode.IsBitRead(block.Function);
                    _block[blk * BlockInts + BlockFunction] = block.Function;
                    _block[blk * BlockInts + BlockAddress] = block.Address;
                    _block[blk * BlockInts + BlockQuantity] = block.Quantity;
                    _block[blk * BlockInts + BlockData] = isBits ? bit : reg;
                    if (isBits) bit += block.Quantity;
                    else reg += block.Quantity;
                }
                for (int i = 0; i < p.Points.Length; i++, point++)
                {
                    _point[point * PointInts + PointState] = (int)Quality.NoData | (d << DeviceShift);
                    _point[point * PointInts + PointAt] = At(plan.PointBlock[i], firstBlock, plan.PointOffset[i]);
                    _point[point * PointInts + PointDecimalAt] = plan.DecimalBlock[i] < 0 ? -1 : At(plan.DecimalBlock[i], firstBlock, plan.DecimalOffset[i]);
                }
                int deviceRules = p.StatusRules == null ? 0 : p.StatusRules.Length;
                for (int r = 0; r < deviceRules; r++, rule++)
                {
                    int[] ruleTargets = plan.RuleTargets[r];
                    _rules[rule * RuleInts + RuleAt] = At(plan.RuleBlock[r], firstBlock, plan.RuleOffset[r]);
                    _rules[rule * RuleInts + RuleTargetStart] = target;
                    _rules[rule * RuleInts + RuleTargetCount] = ruleTargets == null ? -1 : ruleTargets.Length;
                    if (ruleTargets == null) continue;
                    for (int k = 0; k < ruleTargets.Length; k++) _rules[target++] = ruleTargets[k];
                }
            }
            _dev[n * DevInts + DevFirstPoint] = point;
            _dev[n * DevInts + DevFirstBlock] = blk;
            _dev[n * DevInts + DevFirstRule] = rule;
        }

        /// <summary>Flat data index of an offset in one of a device's blocks; -1 (and a fault when decoded) where the planner found none.</summary>
        private int At(int deviceBlock, int firstBlock, int offset)
        {
            return deviceBlock < 0 ? -1 : _block[(firstBlock + deviceBlock) * BlockInts + BlockData] + offset;
        }

        public int DeviceCount { get { return _devices.Length; } }

        /// <summary>The bus master: its transaction counters feed the health message.</summary>
        public ModbusMaster Master { get { return _master; } }
        public int PointCount { get { return _value.Length; } }

        /// <summary>Index of a device's first point in the flat point numbering.</summary>
        public int FirstPoint(int device) { return _dev[device * DevInts + DevFirstPoint]; }

        public int DeviceOf(int point) { return _point[point * PointInts + PointState] >> DeviceShift; }

        private Quality QualityOf(int point) { return (Quality)(_point[point * PointInts + PointState] & QualityMask); }

        public ModbusPointConfig PointConfig(int point)
        {
            int d = DeviceOf(point);
            return _devices[d].Profile.Points[point - FirstPoint(d)];
        }

        /// <summary>The merged block reads of a device (re-planned from its configuration: allocates; for diagnostics and tests).</summary>
        public ModbusDevicePlan DevicePlan(int device) { return ModbusPlanner.Plan(_devices[device]); }

        /// <summary>Consecutive failed polls of a device.</summary>
        public int Misses(int device) { return _dev[device * DevInts + DevMisses]; }

        /// <summary>Completed polls (good or failed) of a device since start-up.</summary>
        public long Polls(int device) { return _dev[device * DevInts + DevPolls]; }

        /// <summary>Failed polls of a device since start-up.</summary>
        public long Failures(int device) { return _dev[device * DevInts + DevFailures]; }

        /// <summary>Points of a device currently in alarm (polled at the alarm interval while &gt; 0).</summary>
        public int PointsInAlarm(int device) { return _dev[device * DevInts + DevPointsInAlarm]; }

        /// <summary>Status of the device's last block read (Pending before the first).</summary>
        public ModbusStatus LastStatus(int device) { return (ModbusStatus)(_dev[device * DevInts + DevLastResult] & 0xFF); }

        /// <summary>Exception code of the device's last block read (0 unless LastStatus is Exception).</summary>
        public byte LastExceptionCode(int device) { return (byte)(_dev[device * DevInts + DevLastResult] >> 8); }

        /// <summary>Monotonic time of the device's last good poll, -1 before the first.</summary>
        public long LastSuccessMs(int device) { return _devTime[device * DevLongs + DevLastSuccessMs]; }

        /// <summary>Monotonic time the device is next due.</summary>
        public long NextPollMs(int device) { return _devTime[device * DevLongs + DevNextPollMs]; }

        /// <summary>The latest reading of a point (its Quality says whether the value may be used).</summary>
        public Reading ReadingOf(int point)
        {
            int d = DeviceOf(point);
            long ms = _devTime[d * DevLongs + DevLastSuccessMs];
            return new Reading(_value[point], _devices[d].Profile.Points[point - FirstPoint(d)].Unit, QualityOf(point),
                ms >= 0 ? ms : _createdMs, _devTime[d * DevLongs + DevReadUtcMs]);
        }

        /// <summary>ASCII text of an Ascii point from the last good poll (identity codes); returns the byte count.</summary>
        public int CopyText(int point, byte[] dest, int offset)
        {
            ModbusPointConfig pc = PointConfig(point);
            if (pc.Type != RegisterType.Ascii || QualityRules.IsBad(QualityOf(point))) return 0;
            return RegisterCodec.CopyAscii(_registers, _point[point * PointInts + PointAt], pc.Length, dest, offset);
        }

        /// <summary>The alarm engine says whether a point is in alarm: its device is then polled at the alarm interval.</summary>
        public void SetInAlarm(int point, bool inAlarm)
        {
            int slot = point * PointInts + PointState;
            if (((_point[slot] & InAlarmFlag) != 0) == inAlarm) return;
            _point[slot] ^= InAlarmFlag;
            int d = _point[slot] >> DeviceShift;
            _dev[d * DevInts + DevPointsInAlarm] += inAlarm ? 1 : -1;
            if (inAlarm)
            {
                // Bring the next poll forward so the faster interval applies at once.
                ModbusDeviceConfig c = _devices[d];
                long soonest = _devTime[d * DevLongs + DevCycleStartMs] + c.AlarmPollIntervalMs;
                if (Misses(d) < c.MissesBeforeFault && soonest < _devTime[d * DevLongs + DevNextPollMs]) _devTime[d * DevLongs + DevNextPollMs] = soonest;
            }
        }

        /// <summary>A transaction or a device's cycle is in progress: stepping it again soon moves it on.</summary>
        public bool IsBusy { get { return _activeDevice >= 0 || _master.IsBusy; } }

        /// <summary>Monotonic time the next device poll falls due (long.MaxValue with nothing to poll).</summary>
        public long NextDueMs
        {
            get
            {
                long next = long.MaxValue;
                for (int d = 0; d < _devices.Length; d++)
                {
                    long at = _devTime[d * DevLongs + DevNextPollMs];
                    if (BlockCount(d) > 0 && at < next) next = at;
                }
                return next;
            }
        }

        /// <summary>Advances polling by at most one master step. Call every scan.</summary>
        public void Step()
        {
            if (_activeDevice >= 0)
            {
                _master.Step();
                if (_t.Status == ModbusStatus.Pending) return;
                OnBlockDone(_activeDevice);
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
                if (now >= _devTime[d * DevLongs + DevNextPollMs] && BlockCount(d) > 0)
                {
                    _nextDevice = (d + 1) % n;
                    _devTime[d * DevLongs + DevCycleStartMs] = now;
                    _currentBlock = _dev[d * DevInts + DevFirstBlock];
                    _activeDevice = d;
                    StartBlock(d);
                    return;
                }
            }
            _master.Step();
        }

        private int BlockCount(int d)
        {
            return _dev[(d + 1) * DevInts + DevFirstBlock] - _dev[d * DevInts + DevFirstBlock];
        }

        private void StartBlock(int d)
        {
            int b = _currentBlock * BlockInts;
            _t.SetRead(_devices[d].Unit, (byte)_block[b + BlockFunction], _block[b + BlockAddress], _block[b + BlockQuantity]);
            _master.Start(_t);
            _master.Step();
        }

        private void OnBlockDone(int d)
        {
            ModbusDeviceConfig c = _devices[d];
            int di = d * DevInts;
            int dl = d * DevLongs;
            long now = _clock.MonotonicMs;
            _dev[di + DevLastResult] = (int)_t.Status | (_t.ExceptionCode << 8);
            if (_t.Status == ModbusStatus.Ok)
            {
                CopyResult(_currentBlock);
                _currentBlock++;
                if (_currentBlock < _dev[di + DevInts + DevFirstBlock]) return;
                _currentBlock = -1;
                _dev[di + DevMisses] = 0;
                _dev[di + DevPolls]++;
                _devTime[dl + DevLastSuccessMs] = now;
                Decode(d, now);
                long next = _devTime[dl + DevCycleStartMs] + Interval(d);
                _devTime[dl + DevNextPollMs] = next > now ? next : now;
                _activeDevice = -1;
                return;
            }
            // Any fault ends this device's cycle: the others are not kept waiting.
            _currentBlock = -1;
            int misses = ++_dev[di + DevMisses];
            _dev[di + DevPolls]++;
            _dev[di + DevFailures]++;
            _activeDevice = -1;
            long interval = Interval(d);
            if (misses >= c.MissesBeforeFault)
            {
                MarkCommunicationFault(d);
                // Back off: double per further miss, capped; an interval already longer stays.
                int doublings = misses - c.MissesBeforeFault + 1;
                long backoff = interval;
                for (int i = 0; i < doublings && backoff < c.BackoffMaxMs; i++) backoff *= 2;
                if (backoff > c.BackoffMaxMs) backoff = c.BackoffMaxMs > interval ? c.BackoffMaxMs : interval;
                interval = backoff;
            }
            // Keep the device's cadence (from the cycle's start) so a failing device does not drift.
            long due = _devTime[dl + DevCycleStartMs] + interval;
            _devTime[dl + DevNextPollMs] = due > now ? due : now;
        }

        private long Interval(int d)
        {
            ModbusDeviceConfig c = _devices[d];
            return PointsInAlarm(d) > 0 && c.AlarmPollIntervalMs < c.PollIntervalMs ? c.AlarmPollIntervalMs : c.PollIntervalMs;
        }
    }
}
