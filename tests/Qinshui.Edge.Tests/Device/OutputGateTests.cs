using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Device;

public class OutputGateTests
{
    private sealed class Relay : IDigitalOutput
    {
        public readonly List<bool> Writes = new();
        public bool Energised => Writes.Count > 0 && Writes[^1];
        public void Write(bool energised) => Writes.Add(energised);
    }

    [Fact]
    public void BeforeTheFirstHealthyScan_NoOutputIsEnergised_WhateverTheCoreCommands()
    {
        var gate = new OutputGate(2);
        var raw = new Relay();
        var output = gate.Add(raw);
        Assert.Equal(new[] { false }, raw.Writes); // driven off as soon as it is registered
        output.Write(true);
        Assert.False(raw.Energised);
        Assert.True(gate.Commanded(0));
    }

    [Fact]
    public void OpeningTheGate_AppliesTheLastCommand()
    {
        var gate = new OutputGate(2);
        var a = new Relay();
        var b = new Relay();
        var oa = gate.Add(a);
        gate.Add(b);
        oa.Write(true);
        gate.Open();
        Assert.True(a.Energised);
        Assert.False(b.Energised);
        oa.Write(false);
        Assert.False(a.Energised);
    }

    [Fact]
    public void Trip_DropsEveryOutput_AndTheGateStaysShut()
    {
        var gate = new OutputGate(2);
        var a = new Relay();
        var b = new Relay();
        var oa = gate.Add(a);
        var ob = gate.Add(b);
        gate.Open();
        oa.Write(true);
        ob.Write(true);
        gate.Trip("supervisor deadline missed");
        Assert.False(a.Energised);
        Assert.False(b.Energised);
        Assert.Equal("supervisor deadline missed", gate.TripReason);
        gate.Open();
        oa.Write(true);
        Assert.False(a.Energised);
        gate.Trip("second reason");
        Assert.Equal("supervisor deadline missed", gate.TripReason);
    }
}
