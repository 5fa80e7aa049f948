using System.Device.Gpio;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// A dry contact on a GPIO, debounced in software by the core's Debouncer (polled each scan
    /// with the clock port). Contacts switch to GND against a pull-up, so "active" is a low pin
    /// unless activeHigh. Until the level has been stable for the debounce time the input reads
    /// as unreadable, which the core treats as a fault.
    /// </summary>
    public sealed class GpioContactInput : IDigitalInput
    {
        private readonly GpioPin _pin;
        private readonly IClock _clock;
        private readonly Debouncer _debouncer;
        private readonly bool _activeHigh;

        public GpioContactInput(GpioController controller, int gpio, bool internalPullUp, bool activeHigh, int debounceMs, IClock clock)
        {
            _pin = controller.OpenPin(gpio, internalPullUp ? PinMode.InputPullUp : PinMode.Input);
            _clock = clock;
            _activeHigh = activeHigh;
            _debouncer = new Debouncer(debounceMs);
        }

        public bool TryRead(out bool active)
        {
            bool high = _pin.Read() == PinValue.High;
            _debouncer.Sample(high == _activeHigh, _clock.MonotonicMs);
            active = _debouncer.State;
            return _debouncer.IsKnown;
        }
    }
}
