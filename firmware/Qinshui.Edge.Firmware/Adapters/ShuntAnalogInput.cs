using System.Device.Adc;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// A 4–20 mA loop over a shunt on an ESP32 ADC channel. Averages a few conversions (the
    /// ESP32 ADC is noisy, datasheet §4.1.2) and converts counts → mV → mA with the core's
    /// LoopCurrent; NE43 classification happens in the core, not here. Full scale is the
    /// calibrated millivolts at MaxValue for the default 11 dB attenuation (docs/firmware.md).
    /// </summary>
    public sealed class ShuntAnalogInput : IAnalogInput
    {
        private const int Samples = 8;

        private readonly AdcChannel _channel;
        private readonly int _maxCounts;
        private readonly double _fullScaleMillivolts;
        private readonly double _shuntOhms;

        public ShuntAnalogInput(AdcController controller, int gpio, double shuntOhms, double fullScaleMillivolts)
        {
            int channel = Esp32Pins.NanoFrameworkAdcChannel(gpio);
            if (channel < 0) throw new System.ArgumentException("GPIO" + gpio + " has no ADC");
            _channel = controller.OpenChannel(channel);
            _maxCounts = controller.MaxValue;
            _shuntOhms = shuntOhms;
            _fullScaleMillivolts = fullScaleMillivolts;
        }

        public bool TryReadMilliamps(out double milliamps)
        {
            milliamps = 0;
            try
            {
                int sum = 0;
                for (int i = 0; i < Samples; i++) sum += _channel.ReadValue();
                milliamps = LoopCurrent.MilliampsFromCounts(sum / Samples, _maxCounts, _fullScaleMillivolts, _shuntOhms);
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }
    }
}
