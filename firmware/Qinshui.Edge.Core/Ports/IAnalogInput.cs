namespace Qinshui.Edge.Core.Ports
{
    /// <summary>A 4–20 mA loop input measured across a shunt.</summary>
    public interface IAnalogInput
    {
        /// <summary>Reads the loop current in milliamps; false when the converter could not be read.</summary>
        bool TryReadMilliamps(out double milliamps);
    }
}
