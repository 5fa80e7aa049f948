// Also compiled into the desktop tests (nullable-enabled there); this code is nullable-oblivious C# 9.
#nullable disable
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Seams
{
    /// <summary>Everything the composition root built from the board map, handed to the core's factories.</summary>
    public sealed class DevicePorts
    {
        public BoardPinMap Board;
        public IClock Clock;
        public ILogSink Log;
        public ISupervisor Supervisor;
        public ISerialLine Rs485;
        public IMqttLink Mqtt;
        public IRecordStore Journal;

        /// <summary>Gated outputs in board order, with their roles.</summary>
        public IDigitalOutput[] Outputs;
        public string[] OutputRoles;

        public IDigitalInput[] Inputs;
        public string[] InputRoles;

        public IAnalogInput[] AnalogInputs;
        public string[] AnalogRoles;

        public IAnalogInput Analog(string role)
        {
            for (int i = 0; i < AnalogRoles.Length; i++)
            {
                if (AnalogRoles[i] == role) return AnalogInputs[i];
            }
            return null;
        }
    }
}
