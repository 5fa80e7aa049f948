using System.Device.Gpio;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// A relay driver input on a GPIO, active high: energised = permit. Driven low the moment it
    /// is opened; the composition root puts it behind the OutputGate so nothing energises it
    /// before the first healthy scan.
    /// </summary>
    public sealed class GpioRelayOutput : IDigitalOutput
    {
        private readonly GpioPin _pin;

        public GpioRelayOutput(GpioController controller, int gpio)
        {
            _pin = controller.OpenPin(gpio, PinMode.Output);
            _pin.Write(PinValue.Low);
        }

        public void Write(bool energised)
        {
            _pin.Write(energised ? PinValue.High : PinValue.Low);
        }
    }
}
