namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>Changing state of one polled device (its configuration is ModbusDeviceConfig).</summary>
    public sealed class ModbusDeviceState
    {
        public long NextPollMs;
        /// <summary>Index of the block being read in the current cycle; -1 between cycles.</summary>
        public int CurrentBlock = -1;
        public long CycleStartMs;
        /// <summary>Consecutive failed polls.</summary>
        public int Misses;
        /// <summary>Points of this device currently in alarm (polled at the alarm interval while &gt; 0).</summary>
        public int PointsInAlarm;
        public ModbusStatus LastStatus;
        public byte LastExceptionCode;
        public long LastSuccessMs = -1;
        public long Polls;
        public long Failures;
    }
}
