namespace Qinshui.Edge.Core.Interlocks
{
    public enum ProofTestPhase
    {
        Idle = 0,
        /// <summary>The zone was tripped by a simulated over-limit; waiting for feedback to confirm the cut.</summary>
        AwaitingCut = 1,
    }
}
