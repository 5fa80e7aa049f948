using Qinshui.Edge.Core.Interlocks;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Starting an interlock proof test (AQ 1029-2019: the methane power cut is proven every
    /// 15 days). A proof test can only make a zone safer: it trips the zone at once and the
    /// outputs stay off until a local reset, whether the test passes, fails or is cut short.
    /// Implemented over the interlock engine by <see cref="Gateway.ProofTests"/>.
    /// </summary>
    public interface IProofTestCommands
    {
        /// <summary>Starts the proof test of zoneId; the result follows as a proof_test_passed/failed event.</summary>
        ProofTestOutcome RequestProofTest(string zoneId);
    }
}
