namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// One reason a zone is not permitted: condition, subject (channel/input/output id), the
    /// value seen, the threshold it was compared with, and the standard. Filled by
    /// <see cref="ZoneEngine.GetCause"/> into a caller-owned local; the engine itself keeps its
    /// causes packed (docs/memory.md: an array of structs is boxed per element on nanoFramework).
    /// Holds references to configuration strings, so filling one allocates nothing.
    /// </summary>
    public struct Cause
    {
        public ConditionKind Kind;
        /// <summary>Id of the channel, input, output or zone concerned (from the configuration).</summary>
        public string Subject;
        /// <summary>The value seen (NaN when the condition has no value).</summary>
        public double Value;
        /// <summary>The limit it was compared with (NaN when none).</summary>
        public double Threshold;
        /// <summary>Unit symbol of value and threshold ("" when none).</summary>
        public string Unit;
        public string Standard;
    }
}
