namespace Qinshui.Edge.Core.Ports
{
    /// <summary>A debounced contact input (feedback contact, NVR relay, E-stop, enclosure switch).</summary>
    public interface IDigitalInput
    {
        /// <summary>Reads the contact; false when it cannot be read (the caller treats that as a fault).</summary>
        bool TryRead(out bool active);
    }
}
