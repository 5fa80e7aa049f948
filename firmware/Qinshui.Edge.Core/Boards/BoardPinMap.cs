namespace Qinshui.Edge.Core.Boards
{
    /// <summary>
    /// A board's pin map (hardware/boards/*.json): module, network, RS-485 port and every GPIO
    /// the firmware uses. Fixed configuration; validated by <see cref="Esp32PinRules"/>.
    /// </summary>
    public sealed class BoardPinMap
    {
        public BoardPinMap(string id, string name, Esp32Module module, bool usesWifi, bool hasEthernet,
            string rs485Port, double shuntOhms, PinAssignment[] pins)
        {
            Id = id;
            Name = name;
            Module = module;
            UsesWifi = usesWifi;
            HasEthernet = hasEthernet;
            Rs485Port = rs485Port;
            ShuntOhms = shuntOhms;
            Pins = pins;
        }

        public string Id { get; }
        public string Name { get; }
        public Esp32Module Module { get; }

        /// <summary>Wi-Fi in use: ADC2 is then unusable (the Wi-Fi driver owns it).</summary>
        public bool UsesWifi { get; }
        public bool HasEthernet { get; }

        /// <summary>nanoFramework serial port name of the RS-485 bus ("COM2").</summary>
        public string Rs485Port { get; }

        /// <summary>Shunt resistor of the 4–20 mA inputs in ohms (0 when the board has none).</summary>
        public double ShuntOhms { get; }

        public PinAssignment[] Pins { get; }

        public const string LogTxRole = "log_tx";
        public const string LogRxRole = "log_rx";

        /// <summary>WDI of the external watchdog (hardware/watchdog.md): toggled once per healthy scan.</summary>
        public const string WatchdogFeedRole = "wd_feed";

        /// <summary>EN̅ of the external watchdog, pulled up (off) through boot; driven low at the first healthy scan.</summary>
        public const string WatchdogEnableRole = "wd_enable";

        /// <summary>
        /// nanoFramework serial port of the plain-text technician's log ("COM3"), or empty when the
        /// board has none. UART0 (COM1) carries nanoFramework's wire protocol, not readable text.
        /// </summary>
        public string LogPort { get; set; } = "";

        /// <summary>The GPIO of a role, or -1.</summary>
        public int GpioOf(string role)
        {
            for (int i = 0; i < Pins.Length; i++)
            {
                if (Pins[i] != null && Pins[i].Role == role) return Pins[i].Gpio;
            }
            return -1;
        }

        public PinAssignment Find(string role)
        {
            for (int i = 0; i < Pins.Length; i++)
            {
                if (Pins[i] != null && Pins[i].Role == role) return Pins[i];
            }
            return null;
        }

        /// <summary>Number of pins with a function (e.g. relays, analog inputs).</summary>
        public int Count(PinFunction function)
        {
            int n = 0;
            for (int i = 0; i < Pins.Length; i++)
            {
                if (Pins[i] != null && Pins[i].Function == function) n++;
            }
            return n;
        }
    }
}
