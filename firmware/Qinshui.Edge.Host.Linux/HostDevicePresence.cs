using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// The host stage of a pushed configuration's checks (issue 15 #5): every device file the restart
/// will open — serial ports, the gpiochip, /dev/i2c-N, /dev/spidevB.C — exists on this machine, and
/// every input, output, analog input and card reader has the Linux-host details DesktopPorts needs.
/// These are the refusals DesktopPorts would make at the restart that can be known without opening
/// the devices (the running configuration holds them): a push that would fail them is refused before
/// the reply instead of being accepted and rolled back. Whether a present device answers is still
/// only learnt at the restart, which rolls back to the previous configuration if it does not.
/// </summary>
public static class HostDevicePresence
{
    public static void Check(GatewayConfig config, int gpioChip, Func<string, bool> exists, ValidationErrors errors)
    {
        for (int b = 0; b < config.Buses.Length; b++)
            Need(exists, config.BusPorts[b], $"buses[{b}].port", $"the serial port of bus {config.BusIds[b]}", $"总线 {config.BusIds[b]} 的串口", errors);

        var lineIds = config.Interlocks.Outputs.Select(o => o.Id).Concat(config.Welding.Stations.Select(s => s.EnableOutputId))
            .Concat(config.Interlocks.Inputs.Select(i => i.Id)).ToList();
        bool resetLines = config.LinuxHost != null && config.LinuxHost.CardReaders.Any(r => r.ResetLine >= 0);
        if (lineIds.Count > 0 || resetLines)
            Need(exists, GpioLines.ChipPath(gpioChip), "pins", "the gpiochip of relays and contacts", "继电器和触点所用的 gpiochip", errors);
        foreach (var id in lineIds)
        {
            int k = Array.IndexOf(config.PinIds, id);
            if (k < 0 || config.PinGpios[k] < 0)
                errors.Error("pins." + id, "host_pin", $"the Linux host needs '{id}' as a gpiochip line number (\"{id}\": 17)",
                    $"Linux 主机需要 '{id}' 的 gpiochip 线号（\"{id}\": 17）");
        }

        foreach (var id in config.AnalogInputIds)
        {
            var spec = config.LinuxHost?.AnalogInput(id);
            if (spec == null)
                errors.Error("linuxHost.analogInputs." + id, "host_device", $"analog input '{id}' needs linuxHost.analogInputs.{id} (i2cBus, address, input, shuntOhms) on this host",
                    $"模拟量输入 '{id}' 在本主机上需要 linuxHost.analogInputs.{id}（i2cBus、address、input、shuntOhms）");
            else Need(exists, $"/dev/i2c-{spec.I2cBus}", $"linuxHost.analogInputs.{id}.i2cBus", $"the I2C bus of analog input {id}", $"模拟量输入 {id} 的 I2C 总线", errors);
        }

        foreach (var id in config.CardReaderIds)
        {
            var spec = config.LinuxHost?.CardReader(id);
            string path = "linuxHost.cardReaders." + id;
            if (spec == null)
                errors.Error(path, "host_device", $"card reader '{id}' needs linuxHost.cardReaders.{id} on this host",
                    $"读卡器 '{id}' 在本主机上需要 linuxHost.cardReaders.{id}");
            else if (spec.Chip == "pn532" && spec.SerialPort.Length > 0)
                Need(exists, spec.SerialPort, path + ".serialPort", $"the serial port of card reader {id}", $"读卡器 {id} 的串口", errors);
            else if (spec.SpiBus >= 0)
                Need(exists, $"/dev/spidev{spec.SpiBus}.{spec.ChipSelect}", path + ".spiBus", $"the SPI device of card reader {id}", $"读卡器 {id} 的 SPI 设备", errors);
            else
                Need(exists, $"/dev/i2c-{spec.I2cBus}", path + ".i2cBus", $"the I2C bus of card reader {id}", $"读卡器 {id} 的 I2C 总线", errors);
        }
    }

    private static void Need(Func<string, bool> exists, string device, string path, string what, string whatZh, ValidationErrors errors)
    {
        if (exists(device)) return;
        errors.Error(path, "no_device", $"{what}, {device}, does not exist on this host", $"{whatZh} {device} 在本主机上不存在");
    }
}
