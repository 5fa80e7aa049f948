// Package nanoFramework.Hardware.Esp32 1.6.37 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Hardware.Esp32:
//   nanoFramework.Hardware.Esp32/Configuration.cs, DeviceTypePins.cs (DeviceFunction values:
//   DeviceTypes.SERIAL = 3 << 16, device index << 8, TX 0 / RX 1 / RTS 2 / CTS 3);
//   nanoFramework.Hardware.Esp32/HighResTimer.cs (static GetCurrent: microseconds since boot, esp_timer).
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { throw null; }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }

    public class HighResTimer
    {
        public static ulong GetCurrent() { throw null; }
    }

    public enum DeviceFunction
    {
        COM1_TX = 0x30100,
        COM1_RX = 0x30101,
        COM1_RTS = 0x30102,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM2_RTS = 0x30202,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
        COM3_RTS = 0x30302,
    }
}
