namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Told the new head of the event chain each time an event was journalled, before anything can
    /// publish it: a host that saves it durably here never starts a restart's chain from an older
    /// head than the platform has seen (a fork). The journal holds the event already; a crash
    /// before the head is saved is repaired at start-up from the journal's pending events.
    /// </summary>
    public interface IEventChainStore
    {
        /// <param name="lastHash">The chain's head (32 bytes); copy it, it is the recorder's own buffer.</param>
        void ChainAdvanced(byte[] lastHash);
    }
}
