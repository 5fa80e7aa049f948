using System.Device.Gpio;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// An active-low control line (the external watchdog's EN̅): opened high, i.e. inactive, so
    /// opening it changes nothing the pull-up had not already set; Write(true) drives it low.
    /// </summary>
    public sealed class GpioActiveLowOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioActiveLowOutput(GpioController controller, int gpio)
        {
            _pin = controller.OpenPin(gpio, PinMode.Output);
            _pin.Write(PinValue.High);
        }

        public void Write(bool active)
        {
            _pin.Write(active ? PinValue.Low : PinValue.High);
        }
    }
}
