namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>One device on the bus: its address, its profile and how often it is polled.</summary>
    public sealed class ModbusDeviceConfig
    {
        /// <summary>AQ 6201-2019 as cited (2016 upgrade plan): ≤ 10 s in an over-limit area.</summary>
        public const int MaxAlarmPollIntervalMs = 10000;

        public string Name;
        public byte Unit;
        public ModbusDeviceProfile Profile;
        public int PollIntervalMs = 1000;
        /// <summary>Interval while any of the device's points is in alarm (typically 1 s, at most 10 s).</summary>
        public int AlarmPollIntervalMs = 1000;
        /// <summary>Consecutive failed polls before readings get CommunicationFault.</summary>
        public int MissesBeforeFault = 3;
        /// <summary>Longest interval a failing device backs off to.</summary>
        public int BackoffMaxMs = 10000;
        /// <summary>Registers between two points that may still be read in one block.</summary>
        public int MaxGapRegisters = 8;
    }
}
