using System;
using System.IO.Ports;
using System.Threading;
using nanoFramework.Hardware.Esp32;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The technician's serial log: plain text lines, 115200 8N1, on the board's log UART (COM3,
    /// pins log_tx/log_rx of the board file, hardware/README.md) — readable with any terminal and
    /// a 3.3 V USB-serial adapter. UART0 cannot serve: nanoFramework runs its wire protocol there
    /// and Console output reaches only the Visual Studio debugger (every line is also written
    /// there). Lines wait in a small ring and a thread of their own writes them, so the scan never
    /// waits on the UART; when the ring is full the line is dropped and counted, and the count is
    /// printed with the next line that gets through.
    /// </summary>
    public sealed class UartLogSink : ILogSink
    {
        public const int BaudRate = 115200;
        private const int Capacity = 32;

        private readonly LogLevel _minimum;
        private readonly SerialPort _port;
        private readonly string[] _ring = new string[Capacity];
        private readonly object _sync = new object();
        private readonly AutoResetEvent _pending = new AutoResetEvent(false);
        private int _head;
        private int _count;
        private int _dropped;

        /// <param name="portName">"COM3"; null for a board without a log UART (debugger output only).</param>
        public UartLogSink(LogLevel minimum, string portName, int txGpio, int rxGpio)
        {
            _minimum = minimum;
            if (portName == null || portName.Length == 0 || txGpio < 0 || rxGpio < 0) return;
            // RX is routed too: left alone, COM3 takes its default RX pin (GPIO16: the WROVER's PSRAM, a relay on the Olimex board).
            Configuration.SetPinFunction(txGpio, Rs485SerialLine.UartFunction(portName[3] - '0', 0));
            Configuration.SetPinFunction(rxGpio, Rs485SerialLine.UartFunction(portName[3] - '0', 1));
            _port = new SerialPort(portName, BaudRate, Parity.None, 8, StopBits.One);
            _port.Handshake = Handshake.None;
            _port.Open();
            new Thread(Drain).Start();
        }

        public bool HasUart { get { return _port != null; } }

        public bool IsEnabled(LogLevel level) { return level >= _minimum; }

        public void Write(LogLevel level, string message)
        {
            if (level < _minimum) return;
            string line = Stamp() + Prefix(level) + message;
            Console.WriteLine(line);
            if (_port == null) return;
            lock (_sync)
            {
                if (_count == Capacity)
                {
                    _dropped++;
                    return;
                }
                _ring[(_head + _count) % Capacity] = line;
                _count++;
            }
            _pending.Set();
        }

        private void Drain()
        {
            while (true)
            {
                _pending.WaitOne();
                while (true)
                {
                    string line;
                    int dropped;
                    lock (_sync)
                    {
                        if (_count == 0) break;
                        line = _ring[_head];
                        _ring[_head] = null;
                        _head = (_head + 1) % Capacity;
                        _count--;
                        dropped = _dropped;
                        _dropped = 0;
                    }
                    try
                    {
                        if (dropped > 0) Send("[warn ] log: " + dropped + " lines dropped (UART slower than the log)");
                        Send(line);
                    }
                    catch (Exception)
                    {
                        // The log is never on the safety path: a UART fault loses lines, nothing else.
                    }
                }
            }
        }

        private void Send(string line)
        {
            byte[] b = Utf8.GetBytes(line + "\r\n");
            _port.Write(b, 0, b.Length);
        }

        private static string Stamp()
        {
            long ms = Environment.TickCount64;
            long s = ms / 1000;
            long frac = ms % 1000;
            return "[" + s + "." + (frac < 10 ? "00" : (frac < 100 ? "0" : "")) + frac + "] ";
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
