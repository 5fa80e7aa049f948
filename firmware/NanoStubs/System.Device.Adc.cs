// Package nanoFramework.System.Device.Adc 1.1.24 — declarations only.
// Read from github.com/nanoframework/System.Device.Adc @ v1.1.24 (ac05de03):
//   System.Device.Adc/AdcController.cs, AdcControllerBase.cs, AdcChannel.cs, AdcChannelBase.cs.
//   Only the members the firmware uses are declared; the bases are reduced to those members.
namespace System.Device.Adc
{
    public abstract class AdcControllerBase
    {
        public abstract int MaxValue { get; }
        public abstract int MinValue { get; }
        public abstract int ResolutionInBits { get; }
        public abstract AdcChannel OpenChannel(int channelNumber);
    }

    public class AdcController : AdcControllerBase
    {
        public AdcController() { throw null; }
        public override int MaxValue { get { throw null; } }
        public override int MinValue { get { throw null; } }
        public override int ResolutionInBits { get { throw null; } }
        public override AdcChannel OpenChannel(int channelNumber) { throw null; }
    }

    public abstract class AdcChannelBase
    {
        public abstract int ReadValue();
    }

    public class AdcChannel : AdcChannelBase, IDisposable
    {
        internal AdcChannel() { }
        public override int ReadValue() { throw null; }
        public void Dispose() { throw null; }
    }
}
