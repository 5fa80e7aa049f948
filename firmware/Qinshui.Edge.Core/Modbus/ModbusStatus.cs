namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>Outcome of a transaction or of parsing a response. Anything but Ok carries no value.</summary>
    public enum ModbusStatus
    {
        /// <summary>Not started or still in progress.</summary>
        Pending = 0,
        Ok = 1,
        /// <summary>The slave answered with an exception response; see ExceptionCode.</summary>
        Exception = 2,
        /// <summary>No byte arrived before the response timeout.</summary>
        Timeout = 3,
        BadCrc = 4,
        /// <summary>The response came from another slave address.</summary>
        WrongUnit = 5,
        /// <summary>The function byte is neither the request's nor its exception form.</summary>
        WrongFunction = 6,
        /// <summary>The byte count does not match the quantity requested.</summary>
        BadByteCount = 7,
        /// <summary>Frame too short, too long or truncated for its function.</summary>
        BadLength = 8,
        /// <summary>A write response does not echo the request's address, quantity or value.</summary>
        EchoMismatch = 9,
        /// <summary>The request itself is invalid (quantity, address range, buffers).</summary>
        InvalidRequest = 10,
    }

    public static class ModbusStatusNames
    {
        /// <summary>A plain reason for a technician (English).</summary>
        public static string Describe(ModbusStatus s)
        {
            switch (s)
            {
                case ModbusStatus.Pending: return "in progress";
                case ModbusStatus.Ok: return "ok";
                case ModbusStatus.Exception: return "exception response";
                case ModbusStatus.Timeout: return "no response (timeout)";
                case ModbusStatus.BadCrc: return "CRC error";
                case ModbusStatus.WrongUnit: return "response from the wrong slave address";
                case ModbusStatus.WrongFunction: return "response with the wrong function code";
                case ModbusStatus.BadByteCount: return "byte count does not match the request";
                case ModbusStatus.BadLength: return "frame length wrong (truncated or extra bytes)";
                case ModbusStatus.EchoMismatch: return "write response does not echo the request";
                case ModbusStatus.InvalidRequest: return "invalid request";
                default: return "unknown";
            }
        }

        /// <summary>Modbus Application Protocol V1.1b3 §7 exception codes.</summary>
        public static string DescribeException(int code)
        {
            switch (code)
            {
                case 1: return "illegal function";
                case 2: return "illegal data address";
                case 3: return "illegal data value";
                case 4: return "slave device failure";
                case 5: return "acknowledge";
                case 6: return "slave device busy";
                case 8: return "memory parity error";
                case 10: return "gateway path unavailable";
                case 11: return "gateway target device failed to respond";
                default: return "exception " + code;
            }
        }
    }
}
