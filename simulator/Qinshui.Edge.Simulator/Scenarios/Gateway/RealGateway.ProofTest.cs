using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>The local proof-test start (the timeline's proof_test action), through the runtime's own ProofTests.</summary>
public sealed partial class RealGateway
{
    public bool StartProofTest(string zone, long nowMs)
    {
        if (_rt == null) return false;
        var outcome = _rt.ProofTests.StartLocal(zone);
        string code = ZoneOutcomeText.Code(outcome);
        if (outcome == ProofTestOutcome.Accepted) Emit(nowMs, "proof_test_start_accepted", zone, $"zone {zone}: proof test started at the gateway", true);
        else Emit(nowMs, "proof_test_start_refused", zone, $"zone {zone}: proof test refused ({code}): {ZoneOutcomeText.English(outcome)}", true);
        return true;
    }
}
