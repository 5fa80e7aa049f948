namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Byte order of a 32-bit value across two registers, named by where the most significant
    /// byte A lands: ABCD big-endian (Modbus's own), CDAB word-swapped (common on PLCs and gas
    /// transmitters), BADC byte-swapped, DCBA little-endian. For a 16-bit value BADC and DCBA swap
    /// the register's two bytes.
    /// </summary>
    public enum WordOrder
    {
        ABCD = 0,
        CDAB = 1,
        BADC = 2,
        DCBA = 3,
    }
}
