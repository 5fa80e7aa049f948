using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Reads "linuxHost" (see LinuxHostSettings): each analog input and card reader the
    /// configuration lists, with the bus, address and converter settings a Linux host needs.
    /// Every id must be one of analogInputs / cardReaders; every error carries its path.
    /// </summary>
    public static class LinuxHostConfigReader
    {
        private static readonly string[] s_members = { "analogInputs", "cardReaders" };
        private static readonly string[] s_analogMembers = { "i2cBus", "address", "input", "fullScaleMillivolts", "samplesPerSecond", "shuntOhms" };
        private static readonly string[] s_readerMembers = { "chip", "spiBus", "chipSelect", "i2cBus", "address", "resetLine", "pollIntervalMs", "serialPort" };

        // ADS1115 datasheet (SBAS444D) §9.6.3, config register MUX[2:0], in code order 0–7.
        private static readonly string[] s_inputs = { "AIN0-AIN1", "AIN0-AIN3", "AIN1-AIN3", "AIN2-AIN3", "AIN0", "AIN1", "AIN2", "AIN3" };
        private static readonly int[] s_fullScales = { 6144, 4096, 2048, 1024, 512, 256 };
        private static readonly int[] s_rates = { 8, 16, 32, 64, 128, 250, 475, 860 };

        /// <returns>null when the section is absent (the ESP32's usual case).</returns>
        public static LinuxHostSettings Read(JsonValue section, string path, GatewayConfig config, ConfigReader r)
        {
            if (section == null) return null;
            if (!r.ExpectObject(section, path)) return null;
            r.RejectUnknown(section, path, s_members);
            LinuxHostSettings s = new LinuxHostSettings();
            JsonValue analog = r.Object(section, "analogInputs", path, false);
            if (analog != null)
            {
                s.AnalogInputs = new HostAnalogInput[analog.Count];
                for (int i = 0; i < analog.Count; i++) s.AnalogInputs[i] = ReadAnalog(analog.KeyAt(i), analog[i], ConfigReader.Join(path, "analogInputs") + "." + analog.KeyAt(i), config, s, i, r);
            }
            JsonValue readers = r.Object(section, "cardReaders", path, false);
            if (readers != null)
            {
                s.CardReaders = new HostCardReader[readers.Count];
                for (int i = 0; i < readers.Count; i++) s.CardReaders[i] = ReadReader(readers.KeyAt(i), readers[i], ConfigReader.Join(path, "cardReaders") + "." + readers.KeyAt(i), config, r);
            }
            return s;
        }

        private static HostAnalogInput ReadAnalog(string id, JsonValue v, string p, GatewayConfig config, LinuxHostSettings s, int index, ConfigReader r)
        {
            HostAnalogInput a = new HostAnalogInput();
            a.Id = id;
            if (IndexOf(config.AnalogInputIds, id) < 0)
                r.Errors.Error(p, "unknown_input", "no analog input '" + id + "' in analogInputs", "analogInputs 中没有模拟输入 '" + id + "'");
            if (!r.ExpectObject(v, p)) return a;
            r.RejectUnknown(v, p, s_analogMembers);
            a.I2cBus = r.Int(v, "i2cBus", p, false, a.I2cBus, 0, 255);
            a.Address = r.Int(v, "address", p, false, a.Address, 0x48, 0x4B);
            a.Input = r.String(v, "input", p, false, a.Input);
            a.Multiplexer = IndexOf(s_inputs, a.Input);
            if (a.Multiplexer < 0)
                r.Errors.Error(p + ".input", "host_input", "'" + a.Input + "' is not an ADS1115 input (" + Names(s_inputs) + ")", "'" + a.Input + "' 不是 ADS1115 的输入（" + Names(s_inputs) + "）");
            a.FullScaleMillivolts = r.Int(v, "fullScaleMillivolts", p, false, a.FullScaleMillivolts, 256, 6144);
            if (IndexOf(s_fullScales, a.FullScaleMillivolts) < 0)
                r.Errors.Error(p + ".fullScaleMillivolts", "host_range", "the ADS1115 gain sets 6144, 4096, 2048, 1024, 512 or 256 mV full scale", "ADS1115 的增益只能设为 6144、4096、2048、1024、512 或 256 mV 满量程");
            a.SamplesPerSecond = r.Int(v, "samplesPerSecond", p, false, a.SamplesPerSecond, 8, 860);
            if (IndexOf(s_rates, a.SamplesPerSecond) < 0)
                r.Errors.Error(p + ".samplesPerSecond", "host_range", "the ADS1115 samples at 8, 16, 32, 64, 128, 250, 475 or 860 per second", "ADS1115 的采样率只能是每秒 8、16、32、64、128、250、475 或 860 次");
            a.ShuntOhms = r.Number(v, "shuntOhms", p, true, 0);
            if (v.Has("shuntOhms") && !(a.ShuntOhms > 0 && a.ShuntOhms <= 1000))
                r.Errors.Error(p + ".shuntOhms", "host_range", "the shunt must be more than 0 and at most 1000 ohms", "分流电阻必须大于 0 且不超过 1000 欧");
            else if (a.ShuntOhms > 0 && LoopCurrent.FailureHighMilliamps * a.ShuntOhms >= a.FullScaleMillivolts)
            {
                // NAMUR NE43: a loop at ≥ 21 mA signals a failure; a range that clips below it would read a failing sensor as a value.
                double mv = LoopCurrent.FailureHighMilliamps * a.ShuntOhms;
                r.Errors.Error(p + ".fullScaleMillivolts", "host_range_too_small",
                    "21 mA (NAMUR NE43 failure signal) across " + a.ShuntOhms + " ohms is " + mv + " mV, beyond the " + a.FullScaleMillivolts + " mV range: choose a larger range or a smaller shunt",
                    "21 mA（NAMUR NE43 故障信号）在 " + a.ShuntOhms + " 欧上为 " + mv + " mV，超出 " + a.FullScaleMillivolts + " mV 量程：请选更大的量程或更小的分流电阻");
            }
            for (int k = 0; k < index; k++)
            {
                HostAnalogInput o = s.AnalogInputs[k];
                if (o != null && o.I2cBus == a.I2cBus && o.Address == a.Address && o.Input == a.Input)
                    r.Errors.Error(p + ".input", "host_input_shared", "input " + a.Input + " of the converter at bus " + a.I2cBus + " address " + a.Address + " is already '" + o.Id + "'",
                        "总线 " + a.I2cBus + " 地址 " + a.Address + " 的转换器输入 " + a.Input + " 已被 '" + o.Id + "' 使用");
            }
            return a;
        }

        private static HostCardReader ReadReader(string id, JsonValue v, string p, GatewayConfig config, ConfigReader r)
        {
            HostCardReader c = new HostCardReader();
            c.Id = id;
            if (IndexOf(config.CardReaderIds, id) < 0)
                r.Errors.Error(p, "unknown_reader", "no card reader '" + id + "' in cardReaders", "cardReaders 中没有读卡器 '" + id + "'");
            if (!r.ExpectObject(v, p)) return c;
            r.RejectUnknown(v, p, s_readerMembers);
            c.Chip = r.String(v, "chip", p, true, c.Chip);
            bool pn532 = c.Chip == "pn532";
            if (!pn532 && c.Chip != "mfrc522")
                r.Errors.Error(p + ".chip", "host_chip", "the Linux host reads 'mfrc522' or 'pn532' card readers, not '" + c.Chip + "'", "Linux 主机只支持 'mfrc522' 或 'pn532' 读卡器，不支持 '" + c.Chip + "'");
            // PN532 user manual (UM0701-02), I2C link: 0x48 as an 8-bit write address, 0x24 in 7 bits.
            if (pn532) c.Address = HostCardReader.Pn532I2cAddress;
            c.SpiBus = r.Int(v, "spiBus", p, false, -1, 0, 255);
            c.ChipSelect = r.Int(v, "chipSelect", p, false, c.ChipSelect, 0, 255);
            c.I2cBus = r.Int(v, "i2cBus", p, false, -1, 0, 255);
            c.Address = r.Int(v, "address", p, false, c.Address, 0x08, 0x77);
            c.ResetLine = r.Int(v, "resetLine", p, false, -1, 0, 1023);
            c.PollIntervalMs = r.Int(v, "pollIntervalMs", p, false, c.PollIntervalMs, 20, 5000);
            c.SerialPort = r.String(v, "serialPort", p, false, "");
            if (v.Has("serialPort") && c.SerialPort.Length == 0)
                r.Errors.Error(p + ".serialPort", "host_bus", "the serial port needs a name (/dev/serial0, /dev/ttyUSB0)", "串口需要名称（/dev/serial0、/dev/ttyUSB0）");
            if (pn532)
            {
                // Iot.Device.Bindings drives a PN532 over HSU (its serial port) or I2C; its SPI mode needs a GPIO chip select this host does not wire.
                if (c.SpiBus >= 0)
                    r.Errors.Error(p + ".spiBus", "host_chip_option", "the Linux host reads a PN532 over serialPort (HSU) or i2cBus, not SPI", "Linux 主机通过 serialPort（HSU）或 i2cBus 读取 PN532，不支持 SPI");
                if (c.ResetLine >= 0)
                    r.Errors.Error(p + ".resetLine", "host_chip_option", "a PN532 is not reset through a line here (it wakes on its serial or I2C bus)", "此处不通过复位线复位 PN532（它由串口或 I2C 总线唤醒）");
                if (v.Has("serialPort") == (c.I2cBus >= 0))
                    r.Errors.Error(p, "host_bus", "give either serialPort (HSU) or i2cBus (with address) for a PN532", "PN532 请给出 serialPort（HSU）或 i2cBus（及 address）之一");
            }
            else
            {
                if (v.Has("serialPort"))
                    r.Errors.Error(p + ".serialPort", "host_chip_option", "an MFRC522 is read over spiBus or i2cBus, not a serial port", "MFRC522 通过 spiBus 或 i2cBus 读取，不支持串口");
                if ((c.SpiBus < 0) == (c.I2cBus < 0))
                    r.Errors.Error(p, "host_bus", "give either spiBus (with chipSelect) or i2cBus (with address)", "请给出 spiBus（及 chipSelect）或 i2cBus（及 address）之一");
            }
            return c;
        }

        private static int IndexOf(string[] list, string s)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == s) return i;
            }
            return -1;
        }

        private static int IndexOf(int[] list, int v)
        {
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == v) return i;
            }
            return -1;
        }

        private static string Names(string[] list)
        {
            string s = "";
            for (int i = 0; i < list.Length; i++) s = i == 0 ? list[i] : s + ", " + list[i];
            return s;
        }
    }
}
