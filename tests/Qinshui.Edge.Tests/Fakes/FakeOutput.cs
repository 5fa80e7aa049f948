using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>A relay that remembers its state and every write.</summary>
public sealed class FakeOutput : IDigitalOutput
{
    public bool Energised { get; private set; }
    public int Writes { get; private set; }

    public void Write(bool energised)
    {
        Energised = energised;
        Writes++;
    }
}
