using System.Device.Gpio;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Tools.Host;

/// <summary>
/// Relays and contacts on a Linux gpiochip (libgpiod through System.Device.Gpio). The line of an
/// id is its GPIO number in the configuration's "pins". Outputs open driven low (de-energised).
/// </summary>
public sealed class GpioLines : IDisposable
{
    private readonly GpioController _controller;

    private GpioLines(GpioController controller) => _controller = controller;

    public static string ChipPath(int chip) => $"/dev/gpiochip{chip}";

    /// <summary>The chip's controller, or null with the reason when this host has none.</summary>
    public static GpioLines? Open(int chip, out string? reason)
    {
        reason = null;
        if (!File.Exists(ChipPath(chip)))
        {
            reason = $"this host has no {ChipPath(chip)}";
            return null;
        }
        try
        {
            return new GpioLines(new GpioController(new System.Device.Gpio.Drivers.LibGpiodDriver(chip)));
        }
        catch (Exception e) when (e is PlatformNotSupportedException or IOException or UnauthorizedAccessException or DllNotFoundException)
        {
            reason = $"cannot open {ChipPath(chip)} with libgpiod: {e.Message}";
            return null;
        }
    }

    public IDigitalOutput Output(int line)
    {
        _controller.OpenPin(line, PinMode.Output, PinValue.Low);
        return new Out(_controller, line);
    }

    public IDigitalInput Input(int line, bool pullUp)
    {
        _controller.OpenPin(line, pullUp ? PinMode.InputPullUp : PinMode.Input);
        return new In(_controller, line);
    }

    public void Dispose() => _controller.Dispose();

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
            catch (IOException)
            {
                active = false;
                return false;
            }
        }
    }
}
