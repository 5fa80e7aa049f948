namespace Qinshui.Edge.Core.Boards
{
    /// <summary>The ESP32 module on a board; decides which pins the module itself takes.</summary>
    public enum Esp32Module
    {
        /// <summary>ESP32-WROOM-32/32E/32UE: no PSRAM, GPIO 16 and 17 free.</summary>
        Wroom = 0,
        /// <summary>ESP32-WROVER(-E/-IE): 4–8 MB PSRAM on GPIO 16 and 17 (Espressif WROVER-E datasheet, pin description).</summary>
        Wrover = 1,
    }
}
