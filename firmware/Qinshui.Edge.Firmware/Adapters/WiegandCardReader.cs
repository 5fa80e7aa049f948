using System.Device.Gpio;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// A Wiegand card reader (welder's card) on two GPIOs: each falling edge on D0 or D1 is one
    /// bit, decoded by the core's WiegandDecoder. The card's UID for the welding registry is
    /// its Wiegand card number as 8 upper-case hex digits (ICardReader), e.g. 26-bit facility 12,
    /// card 3456 → "00180D80"; enrol welders' cards with what the serial log prints for a tap.
    /// </summary>
    public sealed class WiegandCardReader : ICardReader
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

        public bool TryTakeTap(out string cardUid)
        {
            cardUid = null;
            uint card;
            int bits;
            lock (_sync)
            {
                if (!_decoder.TryTake(_clock.MonotonicMs, out card, out bits)) return false;
            }
            char[] c = new char[8];
            for (int i = 7; i >= 0; i--)
            {
                int d = (int)(card & 15);
                c[i] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
                card >>= 4;
            }
            cardUid = new string(c);
            return true;
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
