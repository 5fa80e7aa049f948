namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// A contact input used by the interlocks. "Active" means the named state is present
    /// (E-stop pressed, NVR online, enclosure open, feedback closed, …). Wire safety contacts
    /// normally closed and set Inverted so that a cut wire reads as the unsafe state.
    /// An input that cannot be read is always treated as unsafe.
    /// </summary>
    public sealed class InputConfig
    {
        public InputConfig(string id, bool inverted)
        {
            Id = id;
            Inverted = inverted;
        }

        public string Id { get; set; }
        public bool Inverted { get; set; }
    }
}
