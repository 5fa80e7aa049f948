using System;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>The serial log (UART0 at 115200 8N1, the port nanoff and the debugger use).</summary>
    public sealed class SerialLogSink : ILogSink
    {
        private readonly LogLevel _minimum;

        public SerialLogSink(LogLevel minimum)
        {
            _minimum = minimum;
        }

        public bool IsEnabled(LogLevel level) { return level >= _minimum; }

        public void Write(LogLevel level, string message)
        {
            if (level < _minimum) return;
            Console.WriteLine(Prefix(level) + message);
        }

        private static string Prefix(LogLevel level)
        {
            switch (level)
            {
                case LogLevel.Debug: return "[debug] ";
                case LogLevel.Info: return "[info ] ";
                case LogLevel.Warning: return "[warn ] ";
                default: return "[ERROR] ";
            }
        }
    }
}
