namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// A 13.56 MHz card reader chip on a Linux host: an MFRC522 (RC522 modules) on SPI or I2C,
    /// or a PN532 on its high-speed UART (HSU) or I2C.
    /// Fixed configuration; the host's poller keeps the state.
    /// </summary>
    public sealed class HostCardReader
    {
        /// <summary>PN532 user manual (UM0701-02), I2C link: the 7-bit I2C address of every PN532.</summary>
        public const int Pn532I2cAddress = 0x24;

        public HostCardReader()
        {
            Id = "";
            Chip = "mfrc522";
            SpiBus = -1;
            ChipSelect = 0;
            I2cBus = -1;
            Address = 0x28;
            ResetLine = -1;
            PollIntervalMs = 100;
            SerialPort = "";
        }

        public string Id { get; set; }

        /// <summary>"mfrc522" or "pn532".</summary>
        public string Chip { get; set; }

        /// <summary>Linux SPI bus (/dev/spidevB.C), or -1 when the reader is on I2C.</summary>
        public int SpiBus { get; set; }

        /// <summary>SPI chip select C of /dev/spidevB.C (0 = CE0, pin 24 of a Raspberry Pi).</summary>
        public int ChipSelect { get; set; }

        /// <summary>Linux I2C bus, or -1 when the reader is on SPI.</summary>
        public int I2cBus { get; set; }

        /// <summary>7-bit I2C address (PN532: 0x24, fixed; MFRC522 datasheet §8.1.4: set by pins EA and D1–D6; 0x28 on common modules).</summary>
        public int Address { get; set; }

        /// <summary>gpiochip line wired to the chip's NRSTPD (hard reset at start), or -1.</summary>
        public int ResetLine { get; set; }

        /// <summary>PN532 on HSU: the serial device its TXD/RXD are wired to (/dev/serial0), or "" when on I2C.</summary>
        public string SerialPort { get; set; }

        /// <summary>How often the reader looks for a card (off the scan, on its own thread).</summary>
        public int PollIntervalMs { get; set; }
    }
}
