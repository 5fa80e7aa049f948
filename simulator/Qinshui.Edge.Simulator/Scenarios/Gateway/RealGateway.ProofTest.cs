using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>The local proof-test start (the timeline's proof_test action), through the runtime's own ProofTests.</summary>
public sealed partial class RealGateway
{
    public bool StartProofTest(string zone, long nowMs)
    {
        if (_rt == null) return false;
        var outcome = _rt.ProofTests.StartLocal(zone);
        if (outcome == ProofTestOutcome.Accepted) Emit(nowMs, "proof_test_start_accepted", zone, EventTexts.ProofTestStarted(zone), true);
        else Emit(nowMs, "proof_test_start_refused", zone, EventTexts.ProofTestRefused(zone, outcome), true);
        return true;
    }
}
