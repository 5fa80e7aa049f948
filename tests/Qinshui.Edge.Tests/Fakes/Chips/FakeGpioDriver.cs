using System.Device.Gpio;

namespace Qinshui.Edge.Tests.Fakes.Chips;

/// <summary>
/// A gpiochip behind System.Device.Gpio's GpioDriver (this machine has no /dev/gpiochip): lines
/// keep their mode and level, inputs read what the test sets, and every call is logged in order
/// ("open 17", "mode 17 Output Low", "write 17 High", "close 17") so tests can assert what
/// GpioController did to a relay and when.
/// </summary>
public sealed class FakeGpioDriver(int pinCount = 54) : GpioDriver
{
    private readonly object _gate = new();
    private readonly Dictionary<int, PinMode> _modes = new();
    private readonly Dictionary<int, PinValue> _levels = new();

    public List<string> Log { get; } = new();

    /// <summary>Lines whose reads fail (a chip that vanished from the bus).</summary>
    public HashSet<int> FailingLines { get; } = new();

    protected override int PinCount => pinCount;

    /// <summary>Sets what an input line reads (the contact's level).</summary>
    public void SetInput(int line, bool high)
    {
        lock (_gate) _levels[line] = high ? PinValue.High : PinValue.Low;
    }

    public PinValue Level(int line)
    {
        lock (_gate) return _levels.GetValueOrDefault(line, PinValue.Low);
    }

    public string[] Snapshot()
    {
        lock (_gate) return Log.ToArray();
    }

    private void Note(string s)
    {
        lock (_gate) Log.Add(s);
    }

    protected override void OpenPin(int pinNumber) => Note($"open {pinNumber}");

    protected override void ClosePin(int pinNumber)
    {
        Note($"close {pinNumber}");
        lock (_gate) _modes.Remove(pinNumber);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        Note($"mode {pinNumber} {mode}");
        lock (_gate) _modes[pinNumber] = mode;
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        // libgpiod requests an output line with its initial value in one call: no glitch.
        Note($"mode {pinNumber} {mode} {initialValue}");
        lock (_gate)
        {
            _modes[pinNumber] = mode;
            if (mode == PinMode.Output) _levels[pinNumber] = initialValue;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate) return _modes.GetValueOrDefault(pinNumber, PinMode.Input);
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            if (FailingLines.Contains(pinNumber)) throw new IOException($"line {pinNumber}: Input/output error");
            return _levels.GetValueOrDefault(pinNumber, PinValue.Low);
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        Note($"write {pinNumber} {value}");
        lock (_gate) _levels[pinNumber] = value;
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("edge events are not used by the host");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException("edge events are not used by the host");

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
    }
}
