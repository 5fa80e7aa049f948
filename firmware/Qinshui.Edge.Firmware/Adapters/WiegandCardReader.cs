using System.Device.Gpio;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// A Wiegand card reader (welder's card) on two GPIOs: each falling edge on D0 or D1 is one
    /// bit, decoded by the core's WiegandDecoder. SEAM: the welding issue (#6) defines the
    /// card-reader port; until it lands this adapter exposes TryTakeCard directly.
    /// </summary>
    public sealed class WiegandCardReader
    {
        private readonly GpioPin _d0;
        private readonly GpioPin _d1;
        private readonly IClock _clock;
        private readonly WiegandDecoder _decoder = new WiegandDecoder();
        private readonly object _sync = new object();

        public WiegandCardReader(GpioController controller, int d0Gpio, int d1Gpio, IClock clock)
        {
            _clock = clock;
            _d0 = controller.OpenPin(d0Gpio, PinMode.InputPullUp);
            _d1 = controller.OpenPin(d1Gpio, PinMode.InputPullUp);
            _d0.ValueChanged += OnD0;
            _d1.ValueChanged += OnD1;
        }

        public int Rejected { get { return _decoder.Rejected; } }

        public bool TryTakeCard(out uint cardNumber, out int bitLength)
        {
            lock (_sync)
            {
                return _decoder.TryTake(_clock.MonotonicMs, out cardNumber, out bitLength);
            }
        }

        private void OnD0(object sender, PinValueChangedEventArgs e) { Pulse(e, false); }

        private void OnD1(object sender, PinValueChangedEventArgs e) { Pulse(e, true); }

        private void Pulse(PinValueChangedEventArgs e, bool one)
        {
            if ((e.ChangeType & PinEventTypes.Falling) == 0) return;
            lock (_sync)
            {
                _decoder.Pulse(one, _clock.MonotonicMs);
            }
        }
    }
}
