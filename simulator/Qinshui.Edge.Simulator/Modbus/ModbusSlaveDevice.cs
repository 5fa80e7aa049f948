using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Simulator.Modbus;

/// <summary>
/// A simulated Modbus RTU slave: four data tables, function codes 01–06, 15, 16, exception
/// responses, and switches to go silent or to fail with a chosen exception. Pure byte-in,
/// byte-out (<see cref="Handle"/>); a <see cref="ModbusSlaveHost"/> puts it on a serial line,
/// the plant simulator can drive its tables directly.
/// </summary>
public sealed class ModbusSlaveDevice
{
    private readonly object _gate = new();

    public ModbusSlaveDevice(byte unit, int size = 1000)
    {
        if (unit < 1 || unit > 247) throw new ArgumentOutOfRangeException(nameof(unit), "slave address 1–247");
        Unit = unit;
        HoldingRegisters = new ushort[size];
        InputRegisters = new ushort[size];
        Coils = new bool[size];
        DiscreteInputs = new bool[size];
    }

    public byte Unit { get; }
    public ushort[] HoldingRegisters { get; }
    public ushort[] InputRegisters { get; }
    public bool[] Coils { get; }
    public bool[] DiscreteInputs { get; }

    /// <summary>When false the device does not answer at all (powered off, wrong wiring).</summary>
    public bool Online { get; set; } = true;

    /// <summary>When non-zero every request is answered with this exception code (e.g. 6 = busy).</summary>
    public byte ForcedException { get; set; }

    public long RequestsHandled { get; private set; }

    /// <summary>Locks the tables while the caller changes several values that belong together.</summary>
    public object SyncRoot => _gate;

    /// <summary>
    /// Handles one complete request frame. Returns the response length written into response, or 0
    /// when nothing is sent back: another unit, a bad CRC (Serial Line §2.4.1: discard silently),
    /// a broadcast, or the device offline.
    /// </summary>
    public int Handle(byte[] frame, int length, byte[] response)
    {
        if (length < 4 || !Crc16.Check(frame, length)) return 0;
        byte unit = frame[0];
        if (unit != Unit && unit != 0) return 0;
        if (!Online) return 0;
        int n;
        lock (_gate)
        {
            RequestsHandled++;
            n = Execute(frame, length, response);
        }
        return unit == 0 ? 0 : n;
    }

    private int Execute(byte[] f, int length, byte[] r)
    {
        byte function = f[1];
        r[0] = Unit;
        r[1] = function;
        if (ForcedException != 0) return Exception(r, function, ForcedException);
        if (!FunctionCode.IsSupported(function)) return Exception(r, function, 1);
        if (length < 8) return Exception(r, function, 3);
        int address = RtuFrame.Word(f, 2);
        int quantity = RtuFrame.Word(f, 4);
        switch (function)
        {
            case FunctionCode.ReadCoils:
            case FunctionCode.ReadDiscreteInputs:
            {
                if (length != 8 || quantity < 1 || quantity > FunctionCode.MaxReadBits) return Exception(r, function, 3);
                bool[] table = function == FunctionCode.ReadCoils ? Coils : DiscreteInputs;
                if (address + quantity > table.Length) return Exception(r, function, 2);
                int bytes = (quantity + 7) / 8;
                r[2] = (byte)bytes;
                Array.Clear(r, 3, bytes);
                for (int i = 0; i < quantity; i++)
                {
                    if (table[address + i]) r[3 + (i >> 3)] |= (byte)(1 << (i & 7));
                }
                return Crc16.Append(r, 3 + bytes);
            }
            case FunctionCode.ReadHoldingRegisters:
            case FunctionCode.ReadInputRegisters:
            {
                if (length != 8 || quantity < 1 || quantity > FunctionCode.MaxReadRegisters) return Exception(r, function, 3);
                ushort[] table = function == FunctionCode.ReadHoldingRegisters ? HoldingRegisters : InputRegisters;
                if (address + quantity > table.Length) return Exception(r, function, 2);
                r[2] = (byte)(2 * quantity);
                for (int i = 0; i < quantity; i++) RtuFrame.PutWord(r, 3 + 2 * i, table[address + i]);
                return Crc16.Append(r, 3 + 2 * quantity);
            }
            case FunctionCode.WriteSingleCoil:
            {
                if (length != 8 || (quantity != 0xFF00 && quantity != 0)) return Exception(r, function, 3);
                if (address >= Coils.Length) return Exception(r, function, 2);
                Coils[address] = quantity == 0xFF00;
                Array.Copy(f, r, 8);
                return 8;
            }
            case FunctionCode.WriteSingleRegister:
            {
                if (length != 8) return Exception(r, function, 3);
                if (address >= HoldingRegisters.Length) return Exception(r, function, 2);
                HoldingRegisters[address] = (ushort)quantity;
                Array.Copy(f, r, 8);
                return 8;
            }
            case FunctionCode.WriteMultipleCoils:
            {
                int bytes = (quantity + 7) / 8;
                if (quantity < 1 || quantity > FunctionCode.MaxWriteBits || f[6] != bytes || length != 9 + bytes) return Exception(r, function, 3);
                if (address + quantity > Coils.Length) return Exception(r, function, 2);
                for (int i = 0; i < quantity; i++) Coils[address + i] = (f[7 + (i >> 3)] & (1 << (i & 7))) != 0;
                Array.Copy(f, r, 6);
                return Crc16.Append(r, 6);
            }
            default:
            {
                if (quantity < 1 || quantity > FunctionCode.MaxWriteRegisters || f[6] != 2 * quantity || length != 9 + 2 * quantity) return Exception(r, function, 3);
                if (address + quantity > HoldingRegisters.Length) return Exception(r, function, 2);
                for (int i = 0; i < quantity; i++) HoldingRegisters[address + i] = (ushort)RtuFrame.Word(f, 7 + 2 * i);
                Array.Copy(f, r, 6);
                return Crc16.Append(r, 6);
            }
        }
    }

    private static int Exception(byte[] r, byte function, byte code)
    {
        r[1] = (byte)(function | FunctionCode.ExceptionFlag);
        r[2] = code;
        return Crc16.Append(r, 3);
    }

    /// <summary>Length of a complete request from its first bytes, or -1 while not yet known (for framing a byte stream).</summary>
    public static int RequestLength(byte[] f, int have)
    {
        if (have < 2) return -1;
        byte function = f[1];
        if (function == FunctionCode.WriteMultipleCoils || function == FunctionCode.WriteMultipleRegisters)
        {
            if (have < 7) return -1;
            return 9 + f[6];
        }
        return 8;
    }
}
