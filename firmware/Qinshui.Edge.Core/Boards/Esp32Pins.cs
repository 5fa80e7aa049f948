namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// Facts about ESP32 (the original ESP32-D0WD family) GPIOs, from the ESP32 datasheet v4.x
    /// §2.2 "Pin Description", §2.4 "Strapping Pins" and §4.1.2 "Analog-to-Digital Converter",
    /// and the ESP-IDF ADC notes (ADC2 cannot be used while the Wi-Fi driver is started).
    /// </summary>
    public static class Esp32Pins
    {
        public const int MaxGpio = 39;

        /// <summary>GPIO 20, 24 and 28–31 are not bonded out on the ESP32.</summary>
        public static bool Exists(int gpio)
        {
            if (gpio < 0 || gpio > MaxGpio) return false;
            return gpio != 20 && gpio != 24 && (gpio < 28 || gpio > 31);
        }

        /// <summary>GPIO 6–11 connect the module's SPI flash: touching them crashes the chip.</summary>
        public static bool IsFlash(int gpio) { return gpio >= 6 && gpio <= 11; }

        /// <summary>GPIO 34–39 are input-only and have no internal pull-up or pull-down.</summary>
        public static bool IsInputOnly(int gpio) { return gpio >= 34 && gpio <= 39; }

        /// <summary>Strapping pins sampled at reset: 0 and 2 (boot mode), 5 (SDIO timing), 12 (flash voltage), 15 (boot log).</summary>
        public static bool IsStrapping(int gpio)
        {
            return gpio == 0 || gpio == 2 || gpio == 5 || gpio == 12 || gpio == 15;
        }

        /// <summary>GPIO 16 and 17 are the PSRAM's chip select and clock on WROVER modules.</summary>
        public static bool IsPsram(int gpio, Esp32Module module)
        {
            return module == Esp32Module.Wrover && (gpio == 16 || gpio == 17);
        }

        /// <summary>GPIO 1 and 3 are UART0, the boot log and the nanoFramework debugger/serial log.</summary>
        public static bool IsConsole(int gpio) { return gpio == 1 || gpio == 3; }

        // ESP32 datasheet table "ADC": ADC1_CH0..7 = GPIO 36, 37, 38, 39, 32, 33, 34, 35;
        // ADC2_CH0..9 = GPIO 4, 0, 2, 15, 13, 12, 14, 27, 25, 26.
        private static readonly int[] s_adc1 = { 36, 37, 38, 39, 32, 33, 34, 35 };
        private static readonly int[] s_adc2 = { 4, 0, 2, 15, 13, 12, 14, 27, 25, 26 };

        /// <summary>ADC1 channel of a GPIO, or -1.</summary>
        public static int Adc1Channel(int gpio) { return IndexOf(s_adc1, gpio); }

        /// <summary>ADC2 channel of a GPIO, or -1.</summary>
        public static int Adc2Channel(int gpio) { return IndexOf(s_adc2, gpio); }

        public static bool IsAdc(int gpio) { return Adc1Channel(gpio) >= 0 || Adc2Channel(gpio) >= 0; }

        /// <summary>
        /// Channel number for System.Device.Adc's AdcController.OpenChannel on nanoFramework's ESP32
        /// target: 0–7 are ADC1_CH0–7, 8 and 9 the internal sensors, 10–19 ADC2_CH0–9
        /// (nanoFramework.Hardware.Esp32 DeviceFunction ADC1_CH0…ADC1_CH19). -1 when not an ADC pin.
        /// </summary>
        public static int NanoFrameworkAdcChannel(int gpio)
        {
            int c = Adc1Channel(gpio);
            if (c >= 0) return c;
            c = Adc2Channel(gpio);
            return c >= 0 ? 10 + c : -1;
        }

        private static int IndexOf(int[] table, int gpio)
        {
            for (int i = 0; i < table.Length; i++)
            {
                if (table[i] == gpio) return i;
            }
            return -1;
        }
    }
}
