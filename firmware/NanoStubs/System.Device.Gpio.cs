// Package nanoFramework.System.Device.Gpio 1.1.57 — declarations only.
// Read from github.com/nanoframework/System.Device.Gpio @ v1.1.57 (8b832b85):
//   System.Device.Gpio/GpioController.cs, GpioPin.cs (also declares PinValueChangedEventHandler),
//   PinMode.cs, PinEventTypes.cs, PinValue.cs, PinValueChangedEventArgs.cs.
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
        public static implicit operator PinValue(int value) { throw null; }
        public static implicit operator PinValue(bool value) { throw null; }
        public static explicit operator byte(PinValue value) { throw null; }
        public static explicit operator int(PinValue value) { throw null; }
        public static explicit operator bool(PinValue value) { throw null; }
        public static bool operator ==(PinValue a, PinValue b) { throw null; }
        public static bool operator !=(PinValue a, PinValue b) { throw null; }
        public bool Equals(PinValue other) { throw null; }
        public override bool Equals(object obj) { throw null; }
        public override int GetHashCode() { throw null; }
        public override string ToString() { throw null; }
    }

    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber) { throw null; }
        public PinEventTypes ChangeType { get { throw null; } }
        public int PinNumber { get { throw null; } }
    }

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        internal GpioPin() { }
        public int PinNumber { get { throw null; } }
        public TimeSpan DebounceTimeout { get { throw null; } set { throw null; } }
        public PinValue Read() { throw null; }
        public void Write(PinValue value) { throw null; }
        public event PinValueChangedEventHandler ValueChanged { add { throw null; } remove { throw null; } }
        public void Dispose() { throw null; }
    }

    public sealed class GpioController : IDisposable
    {
        public GpioController() { throw null; }
        public GpioPin OpenPin(int pinNumber) { throw null; }
        public GpioPin OpenPin(int pinNumber, PinMode mode) { throw null; }
        public void Dispose() { throw null; }
    }
}
