using System.Collections;

namespace Qinshui.Edge.Core.Memory
{
    /// <summary>
    /// The static footprint of the core's buffers and state for one configuration, line by line:
    /// estimated by a part (AlarmFootprint) or measured from the built GatewayRuntime by the
    /// desktop tests (tests/Qinshui.Edge.Tests/Memory/GatewayFootprintTests.cs).
    /// ESP32 without PSRAM leaves about 50–80 KB of managed heap after the firmware's own
    /// assemblies; <see cref="DefaultLimitBytes"/> keeps the core under 40 KB so networking, TLS
    /// and transient parsing have room (docs/memory.md).
    /// </summary>
    public sealed class MemoryBudget
    {
        /// <summary>The core's share of the heap on an ESP32 without PSRAM.</summary>
        public const int DefaultLimitBytes = 40 * 1024;

        private readonly ArrayList _lines = new ArrayList();

        public int Count { get { return _lines.Count; } }
        public MemoryLine this[int index] { get { return (MemoryLine)_lines[index]; } }

        public void Add(string part, string item, int bytes)
        {
            _lines.Add(new MemoryLine(part, item, bytes));
        }

        public void Add(IMemoryFootprint part)
        {
            part.AddTo(this);
        }

        public int TotalBytes
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _lines.Count; i++) n += ((MemoryLine)_lines[i]).Bytes;
                return n;
            }
        }

        public int PartBytes(string part)
        {
            int n = 0;
            for (int i = 0; i < _lines.Count; i++)
            {
                MemoryLine l = (MemoryLine)_lines[i];
                if (l.Part == part) n += l.Bytes;
            }
            return n;
        }

        public bool Fits(int limitBytes) { return TotalBytes <= limitBytes; }
    }
}
