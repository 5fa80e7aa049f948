using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>Decoding of <see cref="ModbusPoller"/>: a device's registers into point values and qualities (status rules, decimal-point registers, communication faults).</summary>
    public sealed partial class ModbusPoller
    {
        private static readonly double[] s_pow10 = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000 };

        /// <summary>The shared transaction's result into the block's place in _registers or _bits.</summary>
        private void CopyResult(int block)
        {
            int b = block * BlockInts;
            int at = _block[b + BlockData];
            int quantity = _block[b + BlockQuantity];
            if (FunctionCode.IsBitRead((byte)_block[b + BlockFunction])) System.Array.Copy(_t.Bits, 0, _bits, at, quantity);
            else System.Array.Copy(_t.Registers, 0, _registers, at, quantity);
        }

        private void MarkCommunicationFault(int d)
        {
            int end = _dev[(d + 1) * DevInts + DevFirstPoint];
            for (int i = FirstPoint(d); i < end; i++)
            {
                // The value stays for diagnostics but is flagged: bad data is a fault, never a value.
                int slot = i * PointInts + PointState;
                _point[slot] = (_point[slot] & ~(int)Quality.NoData) | (int)Quality.CommunicationFault;
            }
        }

        private void Decode(int d, long now)
        {
            ModbusDeviceProfile profile = _devices[d].Profile;
            int first = FirstPoint(d);
            int count = _dev[(d + 1) * DevInts + DevFirstPoint] - first;
            for (int i = 0; i < count; i++) _point[(first + i) * PointInts + PointState] &= ~QualityMask; // Good
            int firstRule = _dev[d * DevInts + DevFirstRule];
            int ruleEnd = _dev[(d + 1) * DevInts + DevFirstRule];
            for (int r = firstRule; r < ruleEnd; r++)
            {
                ModbusStatusRule rule = profile.StatusRules[r - firstRule];
                int ri = r * RuleInts;
                if (!rule.Matches(_registers[_rules[ri + RuleAt]])) continue;
                int targetCount = _rules[ri + RuleTargetCount];
                if (targetCount < 0)
                {
                    for (int i = 0; i < count; i++) _point[(first + i) * PointInts + PointState] |= (int)rule.Quality & QualityMask;
                }
                else
                {
                    int start = _rules[ri + RuleTargetStart];
                    for (int k = 0; k < targetCount; k++)
                    {
                        int target = _rules[start + k];
                        if (target >= 0) _point[(first + target) * PointInts + PointState] |= (int)rule.Quality & QualityMask;
                    }
                }
            }
            _devTime[d * DevLongs + DevReadUtcMs] = _clock.UtcMs;
            bool trusted = _clock.IsTrusted;
            for (int i = 0; i < count; i++)
            {
                int pi = (first + i) * PointInts;
                double value;
                int q = _point[pi + PointState] & QualityMask;
                if (!TryValue(profile.Points[i], _registers, _bits, _point[pi + PointAt], _point[pi + PointDecimalAt], out value))
                {
                    q |= (int)Quality.OutOfRange;
                    value = 0;
                }
                if (!trusted) q |= (int)Quality.ClockUntrusted;
                _point[pi + PointState] = (_point[pi + PointState] & ~QualityMask) | q;
                _value[first + i] = value;
            }
        }

        /// <summary>
        /// The engineering value of a point from the registers (or bits) read; false when they do not
        /// make a number. at: the point's first register (its bit for Bool); decimalAt: its
        /// decimal-point register, or -1.
        /// </summary>
        public static bool TryValue(ModbusPointConfig pc, ushort[] registers, bool[] bits, int at, int decimalAt, out double value)
        {
            double raw;
            switch (pc.Type)
            {
                case RegisterType.Bool:
                    raw = bits[at] ? 1 : 0;
                    break;
                case RegisterType.Bits:
                    raw = RegisterCodec.BitField(registers[at], pc.BitIndex, pc.BitCount);
                    break;
                case RegisterType.Ascii:
                    value = 0;
                    return true;
                default:
                    if (!RegisterCodec.TryDecode(registers, at, pc.Type, pc.Order, out raw))
                    {
                        value = 0;
                        return false;
                    }
                    break;
            }
            if (decimalAt >= 0)
            {
                int dp = registers[decimalAt];
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
