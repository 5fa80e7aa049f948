using System.Device.Gpio;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// Relays and contacts on a Linux gpiochip (libgpiod through System.Device.Gpio). The line of an
/// id is its GPIO number in the configuration's "pins". Outputs open driven low (de-energised).
/// </summary>
public sealed class GpioLines : IDisposable
{
    private readonly GpioController _controller;
    private readonly List<int> _outputs = new();

    public GpioLines(GpioDriver driver) => _controller = new GpioController(driver);

    /// <summary>The controller, for drivers that need a line of their own (an MFRC522's reset).</summary>
    public GpioController Controller => _controller;

    public static string ChipPath(int chip) => $"/dev/gpiochip{chip}";

    /// <summary>libgpiod's driver for the chip, or null with the reason when this host has none.</summary>
    public static (GpioDriver? driver, string? reason) LinuxDriver(int chip)
    {
        if (!File.Exists(ChipPath(chip))) return (null, $"this host has no {ChipPath(chip)}");
        try
        {
            return (new System.Device.Gpio.Drivers.LibGpiodDriver(chip), null);
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            return (null, $"cannot open {ChipPath(chip)} with libgpiod: {e.Message}");
        }
    }

    /// <summary>The chip's lines through the given hardware, or null with the reason.</summary>
    public static GpioLines? Open(HostHardware hardware, int chip, out string? reason)
    {
        var (driver, why) = hardware.Gpio(chip);
        reason = why;
        return driver == null ? null : new GpioLines(driver);
    }

    public IDigitalOutput Output(int line)
    {
        // Opened as an output driven low: a relay never clicks on while the host starts.
        _controller.OpenPin(line, PinMode.Output, PinValue.Low);
        _outputs.Add(line);
        return new Out(_controller, line);
    }

    public IDigitalInput Input(int line, bool pullUp)
    {
        _controller.OpenPin(line, pullUp ? PinMode.InputPullUp : PinMode.Input);
        return new In(_controller, line);
    }

    /// <summary>Drives every output line low, each on its own: one failing line does not keep the others on.</summary>
    public void DropOutputs()
    {
        foreach (int line in _outputs)
        {
            try
            {
                _controller.Write(line, PinValue.Low);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                // Nothing more to do from here: the line's hardware pull-down is the last resort (hardware/README.md).
            }
        }
    }

    public void Dispose()
    {
        DropOutputs();
        _controller.Dispose();
    }

    private sealed class Out(GpioController c, int line) : IDigitalOutput
    {
        public void Write(bool energised) => c.Write(line, energised ? PinValue.High : PinValue.Low);
    }

    private sealed class In(GpioController c, int line) : IDigitalInput
    {
        public bool TryRead(out bool active)
        {
            try
            {
                active = c.Read(line) == PinValue.High;
                return true;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException)
            {
                active = false;
                return false;
            }
        }
    }
}
