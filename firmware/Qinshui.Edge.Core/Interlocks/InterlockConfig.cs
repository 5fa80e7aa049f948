namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// The interlock section of a gateway's configuration: zones, the permissive outputs and
    /// the contact inputs they use (by id). The engine takes output and input ports in the same
    /// order as Outputs and Inputs.
    /// </summary>
    public sealed class InterlockConfig
    {
        /// <summary>AQ 6201-2019: an over-limit power cut is executed within 2 s; a longer scan gap drops everything.</summary>
        public const int DefaultScanDeadlineMs = 2000;

        public InterlockConfig(ZoneConfig[] zones, OutputConfig[] outputs, InputConfig[] inputs)
        {
            Zones = zones;
            Outputs = outputs;
            Inputs = inputs;
            ScanDeadlineMs = DefaultScanDeadlineMs;
        }

        public ZoneConfig[] Zones { get; set; }
        public OutputConfig[] Outputs { get; set; }
        public InputConfig[] Inputs { get; set; }

        /// <summary>Two evaluations further apart than this count as a missed supervisor deadline: every zone trips.</summary>
        public int ScanDeadlineMs { get; set; }

        public int IndexOfInput(string id)
        {
            if (id == null || Inputs == null) return -1;
            for (int i = 0; i < Inputs.Length; i++)
            {
                if (Inputs[i] != null && Inputs[i].Id == id) return i;
            }
            return -1;
        }

        public int IndexOfOutput(string id)
        {
            if (id == null || Outputs == null) return -1;
            for (int i = 0; i < Outputs.Length; i++)
            {
                if (Outputs[i] != null && Outputs[i].Id == id) return i;
            }
            return -1;
        }
    }
}
