namespace Qinshui.Edge.Core.Modbus
{
    /// <summary>
    /// Timing of a Modbus RTU line, computed from baud rate and bits per character.
    /// Modbus over Serial Line V1.02 §2.5.1.1: frames are separated by a silence of at least 3.5
    /// character times; above 19200 baud fixed values are used: 1.750 ms inter-frame, 0.750 ms
    /// inter-character.
    /// </summary>
    public sealed class ModbusTiming
    {
        public const int DefaultResponseTimeoutMs = 200;
        public const int DefaultTurnaroundDelayMs = 100;

        public ModbusTiming(int baudRate, int bitsPerCharacter, int responseTimeoutMs, int retries, int turnaroundDelayMs)
        {
            BaudRate = baudRate;
            BitsPerCharacter = bitsPerCharacter;
            ResponseTimeoutMs = responseTimeoutMs;
            Retries = retries;
            TurnaroundDelayMs = turnaroundDelayMs;
        }

        public int BaudRate { get; }
        public int BitsPerCharacter { get; }

        /// <summary>Time from the end of the request to the first byte of the response before giving up.</summary>
        public int ResponseTimeoutMs { get; }

        /// <summary>Further attempts after a timeout or a corrupt frame (not after an exception response: that is an answer).</summary>
        public int Retries { get; }

        /// <summary>Silence after a broadcast so slaves can act before the next request (Serial Line §2.4.1: typically 100–200 ms).</summary>
        public int TurnaroundDelayMs { get; }

        // Derived figures are computed when asked, not stored: each stored field costs 12 bytes on
        // nanoFramework (docs/memory.md), and they are read at start-up and in diagnostics only.
        public long CharacterTimeUs { get { return CharacterMicros(BaudRate, BitsPerCharacter); } }
        public long InterFrameSilenceUs { get { return SilenceMicros(BaudRate, BitsPerCharacter); } }

        /// <summary>
        /// The silence as whole milliseconds of the clock port, never shorter than InterFrameSilenceUs.
        /// The clock port counts whole milliseconds: a difference of k between two readings only
        /// proves more than k - 1 ms passed, so the silence is rounded up and one added.
        /// </summary>
        public int InterFrameSilenceMs { get { return (int)((InterFrameSilenceUs + 999) / 1000) + 1; } }

        public static long CharacterMicros(int baudRate, int bitsPerCharacter)
        {
            return ((long)bitsPerCharacter * 1000000L + baudRate - 1) / baudRate;
        }

        /// <summary>3.5 character times, or 1750 µs above 19200 baud.</summary>
        public static long SilenceMicros(int baudRate, int bitsPerCharacter)
        {
            if (baudRate > 19200) return 1750;
            return ((long)bitsPerCharacter * 3500000L + baudRate - 1) / baudRate;
        }

        /// <summary>Time on the wire of a frame of the given length.</summary>
        public long FrameMicros(int bytes)
        {
            return ((long)bytes * BitsPerCharacter * 1000000L + BaudRate - 1) / BaudRate;
        }

        public int FrameMs(int bytes)
        {
            return (int)((FrameMicros(bytes) + 999) / 1000);
        }
    }
}
