namespace Qinshui.Edge.Core.Memory
{
    /// <summary>One item of the static footprint: which part owns it, what it is, and how many bytes.</summary>
    public sealed class MemoryLine
    {
        public MemoryLine(string part, string item, int bytes)
        {
            Part = part;
            Item = item;
            Bytes = bytes;
        }

        public string Part { get; }
        public string Item { get; }
        public int Bytes { get; }
    }
}
