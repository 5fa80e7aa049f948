namespace Qinshui.Edge.Core.Memory
{
    /// <summary>One item of the static footprint: which part owns it, what it is, and how many bytes.</summary>
    public sealed class MemoryLine
    {
        public MemoryLine(string part, string item, int bytes, bool provisional)
        {
            Part = part;
            Item = item;
            Bytes = bytes;
            IsProvisional = provisional;
        }

        public string Part { get; }
        public string Item { get; }
        public int Bytes { get; }

        /// <summary>
        /// True when the figure was declared here on the part's behalf (from its planned buffer
        /// sizes) rather than reported by the part itself; replace it once the part implements
        /// <see cref="IMemoryFootprint"/>.
        /// </summary>
        public bool IsProvisional { get; }
    }
}
