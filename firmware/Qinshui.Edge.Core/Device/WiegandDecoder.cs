namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// Decodes Wiegand card frames (26-bit H10301 and 34-bit) from the bits the reader's D0/D1
    /// pulses deliver. A frame ends after GapMs without a pulse. Parity: the first bit is even
    /// parity over the first half of the data bits, the last bit odd parity over the second
    /// half (HID H10301 format description). A frame of another length or with bad parity is
    /// refused, never guessed. Fixed buffers: pulse handling allocates nothing.
    /// </summary>
    public sealed class WiegandDecoder
    {
        public const int GapMs = 25;
        private const int MaxBits = 64;

        private readonly bool[] _bits = new bool[MaxBits];
        private int _count;
        private long _lastPulseMs;

        public int Rejected { get; private set; }

        /// <summary>One pulse on D0 (bit 0) or D1 (bit 1).</summary>
        public void Pulse(bool one, long nowMs)
        {
            if (_count < MaxBits) _bits[_count] = one;
            _count++;
            _lastPulseMs = nowMs;
        }

        /// <summary>When a frame has ended: its card number (26-bit: facility × 65536 + card) and bit length.</summary>
        public bool TryTake(long nowMs, out uint cardNumber, out int bitLength)
        {
            cardNumber = 0;
            bitLength = 0;
            if (_count == 0 || nowMs - _lastPulseMs < GapMs) return false;
            int n = _count;
            _count = 0;
            if ((n != 26 && n != 34) || n > MaxBits)
            {
                Rejected++;
                return false;
            }
            int data = n - 2;
            int half = data / 2;
            int even = 0;
            int odd = 1;
            for (int i = 1; i <= half; i++) if (_bits[i]) even++;
            for (int i = half + 1; i <= data; i++) if (_bits[i]) odd++;
            bool evenOk = ((even + (_bits[0] ? 1 : 0)) & 1) == 0;
            bool oddOk = ((odd - 1 + (_bits[n - 1] ? 1 : 0)) & 1) == 1;
            if (!evenOk || !oddOk)
            {
                Rejected++;
                return false;
            }
            uint v = 0;
            for (int i = 1; i <= data; i++) v = (v << 1) | (_bits[i] ? 1u : 0u);
            cardNumber = v;
            bitLength = n;
            return true;
        }
    }
}
