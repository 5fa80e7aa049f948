namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Durable storage of the exposure checkpoint (issue 13 #6; <see cref="Alarms.ExposureRecord"/>):
    /// the Linux host keeps it in state.json, the simulated gateway in its NVS model, the ESP32 in
    /// a flash file beside its boot record. Only what was saved survives a power cut: the time
    /// since the last checkpoint is part of the off time a boot fills (never zero).
    /// </summary>
    public interface IExposureStore
    {
        /// <summary>Saves checkpoint[0, length); copy it, the buffer is reused. False (or a throw): not saved, tried again at the next checkpoint.</summary>
        bool SaveExposure(byte[] checkpoint, int length);
    }
}
