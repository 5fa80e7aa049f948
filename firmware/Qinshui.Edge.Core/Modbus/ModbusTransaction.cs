namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// One request and its result, allocated once and reused (the scan allocates nothing).
    /// Reads put their result in Registers or Bits from index 0; writes take their values from
    /// there. Status is Pending until the master finishes it.
    /// </summary>
    public sealed class ModbusTransaction
    {
        public ModbusTransaction(int registerCapacity, int bitCapacity)
        {
            Registers = new ushort[registerCapacity];
            Bits = new bool[bitCapacity];
        }

        public byte Unit;
        public byte Function;
        public int Address;
        public int Quantity;

        public readonly ushort[] Registers;
        public readonly bool[] Bits;

        public ModbusStatus Status;
        public byte ExceptionCode;

        /// <summary>Attempts made (1 + retries used).</summary>
        public int Attempts;

        /// <summary>Monotonic time the transaction finished (ms).</summary>
        public long CompletedMs;

        public bool IsBroadcast { get { return Unit == 0; } }

        public void SetRead(byte unit, byte function, int address, int quantity)
        {
            Set(unit, function, address, quantity);
        }

        public void SetWriteRegister(byte unit, int address, ushort value)
        {
            Set(unit, FunctionCode.WriteSingleRegister, address, 1);
            Registers[0] = value;
        }

        public void SetWriteCoil(byte unit, int address, bool on)
        {
            Set(unit, FunctionCode.WriteSingleCoil, address, 1);
            Bits[0] = on;
        }

        /// <summary>FC 16 with Registers[0..count) as values.</summary>
        public void SetWriteRegisters(byte unit, int address, int count)
        {
            Set(unit, FunctionCode.WriteMultipleRegisters, address, count);
        }

        /// <summary>FC 15 with Bits[0..count) as values.</summary>
        public void SetWriteCoils(byte unit, int address, int count)
        {
            Set(unit, FunctionCode.WriteMultipleCoils, address, count);
        }

        private void Set(byte unit, byte function, int address, int quantity)
        {
            Unit = unit;
            Function = function;
            Address = address;
            Quantity = quantity;
        }
    }
}
