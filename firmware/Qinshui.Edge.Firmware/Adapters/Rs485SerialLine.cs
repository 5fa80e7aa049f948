using System.IO.Ports;
using nanoFramework.Hardware.Esp32;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// RS-485 half duplex on an ESP32 UART. Pins are routed with Configuration.SetPinFunction
    /// before the port opens; SerialMode.RS485 makes the UART drive RTS (wired to the MAX3485's
    /// DE and /RE) high only while it transmits, so direction switching needs no code here.
    /// Reads never block: only what BytesToRead reports is taken.
    /// </summary>
    public sealed class Rs485SerialLine : ISerialLine
    {
        private readonly SerialPort _port;
        private readonly byte[] _discard = new byte[64];

        public Rs485SerialLine(string portName, int baudRate, Parity parity, StopBits stopBits, int txGpio, int rxGpio, int rtsGpio)
        {
            int uart = portName[3] - '0';
            Configuration.SetPinFunction(txGpio, UartFunction(uart, 0));
            Configuration.SetPinFunction(rxGpio, UartFunction(uart, 1));
            Configuration.SetPinFunction(rtsGpio, UartFunction(uart, 2));
            _port = new SerialPort(portName, baudRate, parity, 8, stopBits);
            _port.Handshake = Handshake.None;
            _port.Mode = SerialMode.RS485;
            _port.Open();
            BaudRate = baudRate;
            // Modbus RTU: start + 8 data + (parity or second stop) + stop = 11 bits (Modbus serial line spec §2.5.1).
            BitsPerCharacter = 1 + 8 + (parity == Parity.None ? 0 : 1) + (stopBits == StopBits.Two ? 2 : 1);
        }

        public int BaudRate { get; }
        public int BitsPerCharacter { get; }

        public void DiscardInput()
        {
            // nanoFramework's SerialPort has no DiscardInBuffer: drain what is waiting.
            int n = _port.BytesToRead;
            while (n > 0)
            {
                _port.Read(_discard, 0, n > _discard.Length ? _discard.Length : n);
                n = _port.BytesToRead;
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }

        public int Read(byte[] buffer, int offset, int count)
        {
            int available = _port.BytesToRead;
            if (available <= 0) return 0;
            return _port.Read(buffer, offset, available < count ? available : count);
        }

        /// <summary>COMn (n = 1..3) TX (0) / RX (1) / RTS (2) device function (nanoFramework.Hardware.Esp32 DeviceFunction layout).</summary>
        public static DeviceFunction UartFunction(int uart, int signal)
        {
            switch (uart * 4 + signal)
            {
                case 4: return DeviceFunction.COM1_TX;
                case 5: return DeviceFunction.COM1_RX;
                case 6: return DeviceFunction.COM1_RTS;
                case 8: return DeviceFunction.COM2_TX;
                case 9: return DeviceFunction.COM2_RX;
                case 10: return DeviceFunction.COM2_RTS;
                case 12: return DeviceFunction.COM3_TX;
                case 13: return DeviceFunction.COM3_RX;
                default: return DeviceFunction.COM3_RTS;
            }
        }
    }
}
