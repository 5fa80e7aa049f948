using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant;

/// <summary>
/// A permissive relay with a feedback (auxiliary) contact. Energised = permit. A welded main
/// contact keeps the load powered whatever the coil does; the feedback contact follows the main
/// contact, which is how the gateway can detect the weld (de-energised coil, closed feedback).
/// </summary>
public sealed class SimRelay : IDigitalOutput
{
    private readonly VirtualClock _clock;
    private readonly List<(long AtMs, bool Energised, bool LoadPowered)> _history = new();

    public SimRelay(string id, VirtualClock clock)
    {
        Id = id;
        _clock = clock;
        Feedback = new FeedbackContact(this);
        _history.Add((clock.MonotonicMs, false, false));
    }

    public string Id { get; }

    /// <summary>What the gateway commands (coil energised).</summary>
    public bool Energised { get; private set; }

    /// <summary>The main contact is welded shut: the load stays powered.</summary>
    public bool WeldedShut { get; private set; }

    /// <summary>The coil has no supply (gateway power cut): the relay drops unless welded.</summary>
    public bool SupplyLost { get; set; }

    /// <summary>The main contact never closes (burnt coil, broken spring, open wire): the load stays unpowered and the feedback open.</summary>
    public bool StuckOpen { get; private set; }

    public bool LoadPowered => WeldedShut || (Energised && !SupplyLost && !StuckOpen);

    /// <summary>The auxiliary contact as an input of the gateway: closed (true) while the main contact is closed.</summary>
    public IDigitalInput Feedback { get; }

    public IReadOnlyList<(long AtMs, bool Energised, bool LoadPowered)> History => _history;

    public long WriteCount { get; private set; }

    public void Write(bool energised)
    {
        WriteCount++;
        if (Energised == energised) return;
        Energised = energised;
        Record();
    }

    /// <summary>Welds the main contact in its present position (only a closed contact can weld shut).</summary>
    public void WeldShut()
    {
        WeldedShut = true;
        Record();
    }

    public void StickOpen()
    {
        StuckOpen = true;
        Record();
    }

    public void Repair()
    {
        WeldedShut = false;
        StuckOpen = false;
        Record();
    }

    public void Record()
    {
        var last = _history[^1];
        if (last.Energised == Energised && last.LoadPowered == LoadPowered) return;
        _history.Add((_clock.MonotonicMs, Energised, LoadPowered));
    }

    private sealed class FeedbackContact(SimRelay relay) : IDigitalInput
    {
        public bool TryRead(out bool active)
        {
            active = relay.LoadPowered;
            return true;
        }
    }
}
