using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Spi;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// Where the Linux host gets its buses: /dev/gpiochipN (libgpiod), /dev/i2c-N and /dev/spidevB.C
/// by default. Tests give emulated chips behind System.Device's own I2cDevice, SpiDevice and
/// GpioDriver base classes, so the real Iot.Device.Bindings drivers run against them.
/// </summary>
public sealed class HostHardware
{
    /// <summary>The gpiochip's driver, or null with the reason (no chip, no libgpiod, no permission).</summary>
    public required Func<int, (GpioDriver? driver, string? reason)> Gpio { get; init; }
    public required Func<I2cConnectionSettings, I2cDevice> I2c { get; init; }
    public required Func<SpiConnectionSettings, SpiDevice> Spi { get; init; }

    /// <summary>Whether a device file (/dev/ttyUSB0, /dev/gpiochip0, /dev/i2c-1, …) exists: the presence check of a pushed configuration (HostDevicePresence).</summary>
    public Func<string, bool> DeviceExists { get; init; } = File.Exists;

    public static HostHardware Linux { get; } = new()
    {
        Gpio = GpioLines.LinuxDriver,
        I2c = I2cDevice.Create,
        Spi = SpiDevice.Create,
    };
}
