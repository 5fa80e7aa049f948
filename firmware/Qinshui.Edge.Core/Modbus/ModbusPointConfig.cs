using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// One value of a device's register map, described as data:
    /// value = decode(registers) / 10^decimals × Scale + Offset, where decimals comes from the
    /// decimal-point register when the device has one (gas transmitters report the position of
    /// the decimal point beside the concentration).
    /// </summary>
    public sealed class ModbusPointConfig
    {
        public const int NoRegister = -1;

        public string Id;
        /// <summary>Function that reads it: 1 coils, 2 discrete inputs, 3 holding, 4 input registers.</summary>
        public byte Function = FunctionCode.ReadHoldingRegisters;
        public int Address;
        public RegisterType Type = RegisterType.UInt16;
        public WordOrder Order = WordOrder.ABCD;
        public double Scale = 1.0;
        public double Offset;
        /// <summary>Register (same function) holding the number of decimal places, or NoRegister.</summary>
        public int DecimalPointAddress = NoRegister;
        /// <summary>For Bits: first bit and width.</summary>
        public int BitIndex;
        public int BitCount = 1;
        /// <summary>For Ascii: registers of text.</summary>
        public int Length = 1;
        public Unit Unit = Unit.None;

        public int RegisterCount { get { return RegisterTypes.RegisterCount(Type, Length); } }
    }
}
