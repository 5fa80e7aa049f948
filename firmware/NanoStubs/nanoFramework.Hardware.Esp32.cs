// Package nanoFramework.Hardware.Esp32 1.6.37 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Hardware.Esp32 @ v1.6.37 (b9346f82):
//   nanoFramework.Hardware.Esp32/Configuration.cs, DeviceTypePins.cs (DeviceFunction = DeviceTypes.SERIAL
//   (3 * 0x10000) + COM index * 0x100 + TX 0 / RX 1 / RTS 2 / CTS 3), HighResTimer.cs (static GetCurrent).
namespace nanoFramework.Hardware.Esp32
{
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) { throw null; }
        public static int GetFunctionPin(DeviceFunction function) { throw null; }
    }

    public class HighResTimer : System.IDisposable
    {
        public static ulong GetCurrent() { throw null; }
        public void Dispose() { throw null; }
    }

    public enum DeviceFunction
    {
        COM1_TX = 0x30100,
        COM1_RX = 0x30101,
        COM1_RTS = 0x30102,
        COM1_CTS = 0x30103,
        COM2_TX = 0x30200,
        COM2_RX = 0x30201,
        COM2_RTS = 0x30202,
        COM2_CTS = 0x30203,
        COM3_TX = 0x30300,
        COM3_RX = 0x30301,
        COM3_RTS = 0x30302,
        COM3_CTS = 0x30303,
    }
}
