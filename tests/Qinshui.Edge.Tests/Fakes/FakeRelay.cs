using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

public enum RelayFault { None, StuckOff, Welded }

/// <summary>
/// A relay output with its auxiliary contact: the contact follows the coil unless a fault is
/// injected (stuck off: never closes; welded: never opens). Records every write.
/// </summary>
public sealed class FakeRelay : IDigitalOutput
{
    public FakeRelay() => Feedback = new RelayContact(this);

    public bool Energised { get; private set; }
    public int Writes { get; private set; }
    public RelayFault Fault { get; set; }
    public bool ThrowOnWrite { get; set; }
    public RelayContact Feedback { get; }

    public void Write(bool energised)
    {
        Writes++;
        if (ThrowOnWrite) throw new InvalidOperationException("driver fault");
        Energised = energised;
    }

    public bool ContactClosed => Fault switch
    {
        RelayFault.StuckOff => false,
        RelayFault.Welded => true,
        _ => Energised,
    };

    public sealed class RelayContact : IDigitalInput
    {
        private readonly FakeRelay _relay;
        public RelayContact(FakeRelay relay) => _relay = relay;
        public bool Readable { get; set; } = true;

        public bool TryRead(out bool active)
        {
            active = Readable && _relay.ContactClosed;
            return Readable;
        }
    }
}

/// <summary>A contact input set by the test; can be made unreadable or throwing.</summary>
public sealed class FakeInput : IDigitalInput
{
    public FakeInput(bool active = false) => Active = active;
    public bool Active { get; set; }
    public bool Readable { get; set; } = true;
    public bool Throws { get; set; }

    public bool TryRead(out bool active)
    {
        if (Throws) throw new InvalidOperationException("GPIO driver fault");
        active = Readable && Active;
        return Readable;
    }
}
