// Package nanoFramework.System.Device.Gpio 1.1.57 — declarations only.
// Read from github.com/nanoframework/System.Device.Gpio: System.Device.Gpio/GpioController.cs,
//   GpioPin.cs, PinMode.cs, PinValue.cs, PinValueChangedEventArgs.cs.
namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    [Flags]
    public enum PinEventTypes { None = 0, Rising = 1, Falling = 2 }

    public readonly struct PinValue
    {
        public static PinValue High { get { throw null; } }
        public static PinValue Low { get { throw null; } }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
    }

    public class PinValueChangedEventArgs : EventArgs
    {
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        private GpioPin() { }
        public int PinNumber { get { throw null; } }
        public TimeSpan DebounceTimeout { get { throw null; } set { throw null; } }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { throw null; }
        public event PinValueChangedEventHandler ValueChanged;
        public void Dispose() { throw null; }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void Dispose() { throw null; }
    }
}
