// Package nanoFramework.System.Device.Adc 1.1.24 — declarations only.
// Read from github.com/nanoframework/System.Device.Adc: System.Device.Adc/AdcController.cs, AdcChannel.cs.
namespace System.Device.Adc
{
    public sealed class AdcController
    {
        public AdcController() { throw null; }
        public int MaxValue { get { throw null; } }
        public int MinValue { get { throw null; } }
        public int ResolutionInBits { get { throw null; } }
        public AdcChannel OpenChannel(int channelNumber) { throw null; }
    }

    public class AdcChannel : IDisposable
    {
        internal AdcChannel() { }
        public int ReadValue() { throw null; }
        public void Dispose() { throw null; }
    }
}
