// Package nanoFramework.Runtime.Events 1.11.32 — declarations only.
// Read from github.com/nanoframework/nanoFramework.Runtime.Events @ v1.11.32 (3becfe40):
//   nanoFramework.Runtime.Events/BaseEvent.cs (the base of System.Device.Gpio's PinValueChangedEventArgs).
namespace nanoFramework.Runtime.Events
{
    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }
}
