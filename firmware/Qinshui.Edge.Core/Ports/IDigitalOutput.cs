namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// A relay or transistor output. Energised (true) means "permit": de-energise to trip,
    /// so a dead gateway, a cut wire or a reboot drops the load.
    /// </summary>
    public interface IDigitalOutput
    {
        void Write(bool energised);
    }
}
