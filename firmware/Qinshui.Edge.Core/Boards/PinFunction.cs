namespace Qinshui.Edge.Core.Boards
{
    /// <summary>What a GPIO does on a board. Decides which ESP32 pin rules apply to it.</summary>
    public enum PinFunction
    {
        /// <summary>A relay that permits equipment to run (energised = permit). Must never glitch at boot.</summary>
        PermissiveOutput = 0,
        /// <summary>Any other output (status LED, buzzer, PHY power).</summary>
        Output = 1,
        /// <summary>Contact input with an external pull resistor.</summary>
        Input = 2,
        /// <summary>Contact input using the ESP32's internal pull-up.</summary>
        InputPullUp = 3,
        /// <summary>4–20 mA loop measured over a shunt by the ESP32 ADC.</summary>
        AnalogInput = 4,
        UartTx = 5,
        UartRx = 6,
        /// <summary>RS-485 driver enable (DE/RE), driven by the UART's RTS in SerialMode.RS485.</summary>
        UartRts = 7,
        /// <summary>Fixed RMII / MDIO / clock pins of an Ethernet PHY.</summary>
        Ethernet = 8,
        /// <summary>Card reader or other bus (SPI/I2C/Wiegand) data or clock line.</summary>
        Bus = 9,
    }

    public static class PinFunctions
    {
        private static readonly string[] s_names =
        {
            "permissive_output", "output", "input", "input_pullup", "analog_input",
            "uart_tx", "uart_rx", "uart_rts", "ethernet", "bus",
        };

        public static string Name(PinFunction f) { return s_names[(int)f]; }

        public static bool TryParse(string name, out PinFunction f)
        {
            for (int i = 0; i < s_names.Length; i++)
            {
                if (s_names[i] == name)
                {
                    f = (PinFunction)i;
                    return true;
                }
            }
            f = PinFunction.Input;
            return false;
        }

        /// <summary>True when the pin is driven by the ESP32.</summary>
        public static bool Drives(PinFunction f)
        {
            return f == PinFunction.PermissiveOutput || f == PinFunction.Output || f == PinFunction.UartTx
                || f == PinFunction.UartRts;
        }

        /// <summary>The list of names, for error messages.</summary>
        public static string AllNames()
        {
            string s = string.Empty;
            for (int i = 0; i < s_names.Length; i++) s = s.Length == 0 ? s_names[i] : s + ", " + s_names[i];
            return s;
        }
    }
}
