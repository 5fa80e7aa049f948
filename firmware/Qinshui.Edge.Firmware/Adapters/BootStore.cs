using Qinshui.Edge.Core.Device;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The persisted boot state (Core.Device.BootRecord) in two files on the internal flash,
    /// written alternately so a power cut during a write leaves the previous record readable.
    /// </summary>
    public sealed class BootStore
    {
        private readonly string _slot0;
        private readonly string _slot1;
        private readonly byte[] _buffer = new byte[BootRecord.MaxBytes];

        public BootStore(string directory)
        {
            _slot0 = directory + "\\boot0.json";
            _slot1 = directory + "\\boot1.json";
        }

        /// <summary>The newest record; fresh (all zero) when none is readable (first boot, or both slots lost).</summary>
        public BootRecord Load(out bool fresh)
        {
            return BootRecord.Newest(FlashFiles.ReadAll(_slot0), FlashFiles.ReadAll(_slot1), out fresh);
        }

        public bool Save(BootRecord boot)
        {
            int n = boot.Write(_buffer);
            byte[] exact = new byte[n];
            System.Array.Copy(_buffer, exact, n);
            return FlashFiles.WriteAll(boot.Slot == 0 ? _slot0 : _slot1, exact);
        }
    }
}
