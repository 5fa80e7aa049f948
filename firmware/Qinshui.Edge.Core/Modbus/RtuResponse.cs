namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// What <see cref="RtuFrame.TryParseResponse"/> found. Data points into the response buffer
    /// (no copy): for reads, the bytes after the byte count; Status is Ok only for a frame that
    /// passed every check.
    /// </summary>
    public struct RtuResponse
    {
        public ModbusStatus Status;
        public byte Unit;
        public byte Function;
        /// <summary>The exception code when Status is Exception (0 otherwise).</summary>
        public byte ExceptionCode;
        public int DataOffset;
        public int DataLength;
    }
}
