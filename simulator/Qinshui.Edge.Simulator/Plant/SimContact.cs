using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Simulator.Plant;

public enum ContactKind
{
    /// <summary>A plain contact input (enclosure switch, airlock fault relay).</summary>
    Contact = 0,
    /// <summary>A camera or NVR "online" relay: active while the video is recorded.</summary>
    Camera = 1,
    /// <summary>An emergency stop: a normally-closed circuit, active (closed) while released.</summary>
    EmergencyStop = 2,
}

/// <summary>A digital input of the plant: camera/NVR online, E-stop circuit, airlock fault, enclosure.</summary>
public sealed class SimContact : IDigitalInput
{
    public SimContact(string id, ContactKind kind, bool active)
    {
        Id = id;
        Kind = kind;
        Active = active;
    }

    public string Id { get; }
    public ContactKind Kind { get; }
    public bool Active { get; set; }

    /// <summary>The input cannot be read (wire fault on a supervised input, expander off the bus).</summary>
    public bool Unreadable { get; set; }

    private VirtualClock? _chatterClock;
    private long _chatterStartMs;

    /// <summary>While chattering, the contact bounces: it reads the opposite of Active every other period (a loose wire, a worn switch).</summary>
    public long ChatterPeriodMs { get; private set; }

    public void Chatter(long periodMs, VirtualClock clock)
    {
        ChatterPeriodMs = periodMs;
        _chatterClock = clock;
        _chatterStartMs = clock.MonotonicMs;
    }

    public void StopChatter()
    {
        ChatterPeriodMs = 0;
        _chatterClock = null;
    }

    public bool TryRead(out bool active)
    {
        active = Active;
        if (_chatterClock != null && ChatterPeriodMs > 0 && (_chatterClock.MonotonicMs - _chatterStartMs) / ChatterPeriodMs % 2 == 1) active = !Active;
        return !Unreadable;
    }
}
