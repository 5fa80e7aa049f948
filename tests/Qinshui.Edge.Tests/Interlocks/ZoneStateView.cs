using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Tests.Interlocks;

/// <summary>
/// The engine keeps zone state in packed arrays (docs/memory.md) and offers it per zone
/// (IsPermitted(z), LatchedMask(z), …); tests read it through this live view: every property
/// asks the engine when read, as the former ZoneState object did.
/// </summary>
public sealed class ZoneStateView(ZoneEngine engine, int zone)
{
    public bool Permitted => engine.IsPermitted(zone);
    public bool Latched => engine.IsLatched(zone);
    public int LatchedMask => engine.LatchedMask(zone);
    public int LiveMask => engine.LiveMask(zone);
    public int LiveCount => engine.LiveCount(zone);
    public long ClearSinceMs => engine.ClearSinceMs(zone);
    public long TrippedAtMs => engine.TrippedAtMs(zone);
    public ProofTestPhase ProofPhase => engine.ProofPhase(zone);
    public long ProofStartedMs => engine.ProofStartedMs(zone);
    public long ProofStartedUtcMs => engine.ProofStartedUtcMs(zone);
    public long LastProofPassedUtcMs => engine.LastProofPassedUtcMs(zone);
    public bool Has(ConditionKind kind) => engine.Has(zone, kind);
    public bool HasLatched(ConditionKind kind) => engine.HasLatched(zone, kind);
}

public static class ZoneEngineTestExtensions
{
    public static ZoneStateView State(this ZoneEngine engine, int zone) => new(engine, zone);
}
