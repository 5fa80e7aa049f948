using Qinshui.Edge.Core.Domain;

namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// A status or fault register mapped onto reading quality: when (register &amp; Mask) equals
    /// Match (or, with Match = AnyBit, is not zero), Quality is added to the readings of the
    /// points named in PointIds (all of the device's points when PointIds is null).
    /// </summary>
    public sealed class ModbusStatusRule
    {
        public const int AnyBit = -1;

        public byte Function = FunctionCode.ReadHoldingRegisters;
        public int Address;
        public int Mask = 0xFFFF;
        public int Match = AnyBit;
        public Quality Quality = Quality.SensorFault;
        public string[] PointIds;

        public bool Matches(ushort register)
        {
            int masked = register & Mask;
            return Match == AnyBit ? masked != 0 : masked == Match;
        }
    }
}
