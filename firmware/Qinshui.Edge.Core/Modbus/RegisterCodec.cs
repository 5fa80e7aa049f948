namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Registers to numbers and back, in every word order. Pure integer arithmetic; float32 is
    /// decoded from its IEEE 754 bits by hand (no BitConverter dependency on nanoFramework).
    /// </summary>
    public static class RegisterCodec
    {
        // 2^-149 .. 2^127 as exact doubles: every binary32 exponent, subnormals included.
        private static readonly double[] s_pow2 = BuildPow2();

        private static double[] BuildPow2()
        {
            double[] t = new double[277];
            double v = 1.0;
            for (int i = 0; i < 149; i++) v /= 2.0;
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = v;
                v *= 2.0;
            }
            return t;
        }

        private static double Pow2(int e) { return s_pow2[e + 149]; }

        /// <summary>A 16-bit register value, byte-swapped for BADC and DCBA.</summary>
        public static int Raw16(ushort register, WordOrder order)
        {
            if (order == WordOrder.BADC || order == WordOrder.DCBA) return ((register & 0xFF) << 8) | (register >> 8);
            return register;
        }

        /// <summary>The 32-bit value ABCD from two registers stored in the given order.</summary>
        public static uint Raw32(ushort r0, ushort r1, WordOrder order)
        {
            uint h0 = (uint)(r0 >> 8), l0 = (uint)(r0 & 0xFF), h1 = (uint)(r1 >> 8), l1 = (uint)(r1 & 0xFF);
            switch (order)
            {
                case WordOrder.CDAB: return (h1 << 24) | (l1 << 16) | (h0 << 8) | l0;
                case WordOrder.BADC: return (l0 << 24) | (h0 << 16) | (l1 << 8) | h1;
                case WordOrder.DCBA: return (l1 << 24) | (h1 << 16) | (l0 << 8) | h0;
                default: return (h0 << 24) | (l0 << 16) | (h1 << 8) | l1;
            }
        }

        /// <summary>Inverse of <see cref="Raw32"/>: the two registers that carry value in the given order.</summary>
        public static void Split32(uint value, WordOrder order, ushort[] registers, int offset)
        {
            uint a = value >> 24, b = (value >> 16) & 0xFF, c = (value >> 8) & 0xFF, d = value & 0xFF;
            uint r0, r1;
            switch (order)
            {
                case WordOrder.CDAB: r0 = (c << 8) | d; r1 = (a << 8) | b; break;
                case WordOrder.BADC: r0 = (b << 8) | a; r1 = (d << 8) | c; break;
                case WordOrder.DCBA: r0 = (d << 8) | c; r1 = (b << 8) | a; break;
                default: r0 = (a << 8) | b; r1 = (c << 8) | d; break;
            }
            registers[offset] = (ushort)r0;
            registers[offset + 1] = (ushort)r1;
        }

        /// <summary>IEEE 754 binary32 bits to a double; false for NaN and infinities (bad data is a fault).</summary>
        public static bool TryFloatFromBits(uint bits, out double value)
        {
            int exponent = (int)((bits >> 23) & 0xFF);
            uint mantissa = bits & 0x7FFFFF;
            bool negative = (bits & 0x80000000u) != 0;
            if (exponent == 0xFF)
            {
                value = 0;
                return false;
            }
            double v = exponent == 0
                ? mantissa * Pow2(-149)
                : (mantissa | 0x800000u) * Pow2(exponent - 150);
            value = negative ? -v : v;
            return true;
        }

        /// <summary>Decodes a numeric type from registers[offset..). False for NaN/infinity or a non-numeric type.</summary>
        public static bool TryDecode(ushort[] registers, int offset, RegisterType type, WordOrder order, out double value)
        {
            switch (type)
            {
                case RegisterType.UInt16:
                    value = Raw16(registers[offset], order);
                    return true;
                case RegisterType.Int16:
                    value = (short)Raw16(registers[offset], order);
                    return true;
                case RegisterType.UInt32:
                    value = Raw32(registers[offset], registers[offset + 1], order);
                    return true;
                case RegisterType.Int32:
                    value = (int)Raw32(registers[offset], registers[offset + 1], order);
                    return true;
                case RegisterType.Float32:
                    return TryFloatFromBits(Raw32(registers[offset], registers[offset + 1], order), out value);
                default:
                    value = 0;
                    return false;
            }
        }

        /// <summary>Bits [index, index+count) of a register as an unsigned number.</summary>
        public static int BitField(ushort register, int index, int count)
        {
            return (register >> index) & ((1 << count) - 1);
        }

        /// <summary>Integer types to registers (for writes). False if value does not fit the type.</summary>
        public static bool TryEncodeInteger(long value, RegisterType type, WordOrder order, ushort[] registers, int offset)
        {
            switch (type)
            {
                case RegisterType.UInt16:
                    if (value < 0 || value > 0xFFFF) return false;
                    registers[offset] = (ushort)Raw16((ushort)value, order);
                    return true;
                case RegisterType.Int16:
                    if (value < -32768 || value > 32767) return false;
                    registers[offset] = (ushort)Raw16((ushort)(short)value, order);
                    return true;
                case RegisterType.UInt32:
                    if (value < 0 || value > 0xFFFFFFFFL) return false;
                    Split32((uint)value, order, registers, offset);
                    return true;
                case RegisterType.Int32:
                    if (value < -2147483648L || value > 2147483647L) return false;
                    Split32((uint)(int)value, order, registers, offset);
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Copies ASCII text (high byte first, stopping at NUL) into dest; returns the byte count.</summary>
        public static int CopyAscii(ushort[] registers, int offset, int count, byte[] dest, int destOffset)
        {
            int n = 0;
            for (int i = 0; i < count; i++)
            {
                int hi = registers[offset + i] >> 8, lo = registers[offset + i] & 0xFF;
                if (hi == 0) return n;
                dest[destOffset + n++] = (byte)hi;
                if (lo == 0) return n;
                dest[destOffset + n++] = (byte)lo;
            }
            return n;
        }
    }
}
