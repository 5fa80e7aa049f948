namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>An RS-485 line and the devices on it.</summary>
    public sealed class ModbusBusConfig
    {
        public int BaudRate = 9600;
        /// <summary>11 for Modbus RTU (start, 8 data, parity or second stop, stop); 10 for 8N1 devices.</summary>
        public int BitsPerCharacter = 11;
        public int ResponseTimeoutMs = ModbusTiming.DefaultResponseTimeoutMs;
        public int Retries = 1;
        public int TurnaroundDelayMs = ModbusTiming.DefaultTurnaroundDelayMs;
        public ModbusDeviceConfig[] Devices;

        public ModbusTiming CreateTiming()
        {
            return new ModbusTiming(BaudRate, BitsPerCharacter, ResponseTimeoutMs, Retries, TurnaroundDelayMs);
        }
    }
}
