using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Device
{
    /// <summary>
    /// The last word on every physical output. Closed at boot: no output is energised before
    /// the first complete healthy scan opens the gate. Trip (supervisor deadline missed, scan
    /// exception, invalid config) drops every output at once and keeps the gate shut until the
    /// device restarts. Whatever the core commands, a closed gate writes de-energised
    /// (ARCHITECTURE.md, safety principle 1).
    /// </summary>
    public sealed class OutputGate
    {
        private readonly IDigitalOutput[] _raw;
        private readonly bool[] _commanded;
        private int _count;

        public OutputGate(int capacity)
        {
            _raw = new IDigitalOutput[capacity];
            _commanded = new bool[capacity];
        }

        public bool IsOpen { get; private set; }
        public bool IsTripped { get; private set; }

        /// <summary>Why the gate was tripped (null while not tripped).</summary>
        public string TripReason { get; private set; }

        /// <summary>Puts a physical output behind the gate, writes it de-energised, and returns what the core may drive.</summary>
        public IDigitalOutput Add(IDigitalOutput raw)
        {
            int index = _count;
            _raw[index] = raw;
            _count++;
            raw.Write(false);
            return new GatedOutput(this, index);
        }

        public int Count { get { return _count; } }

        /// <summary>Opens the gate after the first complete healthy scan; outputs then follow the core's last commands.</summary>
        public void Open()
        {
            if (IsTripped || IsOpen) return;
            IsOpen = true;
            for (int i = 0; i < _count; i++) _raw[i].Write(_commanded[i]);
        }

        /// <summary>Drops every output and keeps the gate shut until restart.</summary>
        public void Trip(string reason)
        {
            IsOpen = false;
            if (!IsTripped)
            {
                IsTripped = true;
                TripReason = reason;
            }
            for (int i = 0; i < _count; i++)
            {
                _commanded[i] = false;
                _raw[i].Write(false);
            }
        }

        internal void Write(int index, bool energised)
        {
            _commanded[index] = energised;
            _raw[index].Write(energised && IsOpen);
        }

        /// <summary>What the core last commanded for an output (the physical state is this AND the gate).</summary>
        public bool Commanded(int index) { return _commanded[index]; }

        private sealed class GatedOutput : IDigitalOutput
        {
            private readonly OutputGate _gate;
            private readonly int _index;

            public GatedOutput(OutputGate gate, int index)
            {
                _gate = gate;
                _index = index;
            }

            public void Write(bool energised) { _gate.Write(_index, energised); }
        }
    }
}
