namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// A 4–20 mA input on an ADS1115 (TI SBAS444D): the loop current across a shunt, measured by
    /// one input of the converter on an I2C bus. Fixed configuration; the host's sampler keeps the state.
    /// </summary>
    public sealed class HostAnalogInput
    {
        public HostAnalogInput()
        {
            Id = "";
            Input = "AIN0";
            Multiplexer = 4;
            I2cBus = 1;
            Address = 0x48;
            FullScaleMillivolts = 4096;
            SamplesPerSecond = 128;
        }

        public string Id { get; set; }

        /// <summary>Linux I2C bus number (/dev/i2c-N); 1 on a Raspberry Pi's header pins 3 and 5.</summary>
        public int I2cBus { get; set; }

        /// <summary>7-bit address set by the ADDR pin: 0x48 GND, 0x49 VDD, 0x4A SDA, 0x4B SCL (datasheet Table 4).</summary>
        public int Address { get; set; }

        /// <summary>"AIN0".."AIN3" against GND, or a differential pair "AIN0-AIN1", "AIN0-AIN3", "AIN1-AIN3", "AIN2-AIN3".</summary>
        public string Input { get; set; }

        /// <summary>MUX[2:0] of the config register for Input (datasheet §9.6.3): 0–3 differential, 4–7 AINn against GND.</summary>
        public int Multiplexer { get; set; }

        /// <summary>PGA full-scale range: 6144, 4096, 2048, 1024, 512 or 256 mV.</summary>
        public int FullScaleMillivolts { get; set; }

        /// <summary>Data rate: 8, 16, 32, 64, 128, 250, 475 or 860 samples per second.</summary>
        public int SamplesPerSecond { get; set; }

        /// <summary>The loop's shunt resistor; the current is the input voltage over it.</summary>
        public double ShuntOhms { get; set; }
    }
}
