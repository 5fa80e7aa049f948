namespace Qinshui.Edge.Core.Events
{
    /// <summary>What the chain verifier found wrong with a record.</summary>
    public enum ChainProblem
    {
        None = 0,
        /// <summary>Not an event record: no trailing hash member, not JSON, fields missing.</summary>
        Malformed = 1,
        /// <summary>The record's hash does not match its content: the event was altered.</summary>
        HashMismatch = 2,
        /// <summary>The record's "prev" is not the previous record's hash: an event was removed, inserted or reordered.</summary>
        BrokenLink = 3,
        /// <summary>Sequence numbers are not consecutive within a boot (or a boot counter went back).</summary>
        SequenceGap = 4,
    }
}
