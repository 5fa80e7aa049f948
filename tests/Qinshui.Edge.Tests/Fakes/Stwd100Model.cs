using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Tests.Fakes;

/// <summary>
/// The relay-supply cut of hardware/watchdog.md on a virtual clock: an STWD100xY whose timer is
/// cleared by WDI edges and by enabling it (EN̅ low); enabled and without an edge for tWD
/// (datasheet DocID014134 table 5: 1.12 / 1.6 / 2.24 s min/typ/max), WDO asserts, which opens the
/// coil-supply switch and resets the ESP32. tWD is a parameter so tests use both limits.
/// </summary>
internal sealed class Stwd100Model
{
    private readonly long _timeoutMs;
    private long _lastEdgeMs;
    private bool _wdiLevel;

    public Stwd100Model(long timeoutMs) { _timeoutMs = timeoutMs; }

    public long NowMs { get; private set; }
    public bool Enabled { get; private set; }
    public bool CoilSupplyOn { get; private set; } = true;
    public long? SupplyCutAtMs { get; private set; }

    public IDigitalOutput Wdi => new Pin(v => { if (v != _wdiLevel) { _wdiLevel = v; _lastEdgeMs = NowMs; } });
    public IDigitalOutput Enable => new Pin(v => { if (v && !Enabled) _lastEdgeMs = NowMs; Enabled = v; });

    public void AdvanceTo(long nowMs)
    {
        NowMs = nowMs;
        if (Enabled && CoilSupplyOn && NowMs - _lastEdgeMs >= _timeoutMs)
        {
            CoilSupplyOn = false;
            SupplyCutAtMs = _lastEdgeMs + _timeoutMs;
        }
    }

    private sealed class Pin(Action<bool> write) : IDigitalOutput
    {
        public void Write(bool energised) => write(energised);
    }
}
