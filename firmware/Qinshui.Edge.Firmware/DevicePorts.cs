using System.Device.Adc;
using System.Device.Gpio;
using System.IO.Ports;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Firmware.Adapters;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// The ESP32's ports for GatewayRuntime: every id of the configuration is a pin role of the
    /// board file (Core.Boards.BoardBinding, checked before the configuration was accepted).
    /// Relay pins were opened, driven low and put behind the OutputGate at boot (OpenOutputs);
    /// inputs, analog inputs, card readers and the RS-485 line are opened when the runtime asks.
    /// A port the board lacks is null: the runtime then stays in its safe state and says why.
    /// </summary>
    public sealed class DevicePorts : IGatewayPorts
    {
        private const int DebounceMs = 30;
        private const int AdcFullScaleMillivolts = 3100;

        private readonly BoardPinMap _board;
        private readonly GpioController _gpio;
        private readonly DeviceClock _clock;
        private readonly string[] _outputRoles;
        private readonly IDigitalOutput[] _outputs;
        private readonly string[] _openedKeys;
        private readonly object[] _opened;
        private int _openedCount;
        private AdcController _adc;
        private Rs485SerialLine _rs485;

        /// <summary>Opens every relay pin of the board behind the gate (de-energised) before anything else runs.</summary>
        public static DevicePorts OpenOutputs(BoardPinMap board, GpioController gpio, OutputGate gate, DeviceClock clock)
        {
            return new DevicePorts(board, gpio, gate, clock);
        }

        private DevicePorts(BoardPinMap board, GpioController gpio, OutputGate gate, DeviceClock clock)
        {
            _board = board;
            _gpio = gpio;
            _clock = clock;
            int n = board.Count(PinFunction.PermissiveOutput) + board.Count(PinFunction.Output);
            _openedKeys = new string[board.Pins.Length];
            _opened = new object[board.Pins.Length];
            _outputRoles = new string[n];
            _outputs = new IDigitalOutput[n];
            int o = 0;
            for (int k = 0; k < board.Pins.Length; k++)
            {
                PinAssignment p = board.Pins[k];
                if (p.Function != PinFunction.PermissiveOutput && p.Function != PinFunction.Output) continue;
                _outputRoles[o] = p.Role;
                _outputs[o++] = gate.Add(new GpioRelayOutput(gpio, p.Gpio));
            }
        }

        /// <summary>
        /// Everything the runtime needs besides the pins; set by the composition root once the
        /// configuration is chosen. Config is read only while the runtime is built (serial lines)
        /// and cleared afterwards so the parsed configuration can be collected.
        /// </summary>
        public GatewayConfig Config;
        public ISupervisor SupervisorPort;
        public IMqttLink MqttPort;
        public IRecordStore Store;
        public IStagingStore Staging;
        public ILogSink LogSink;

        public IClock Clock { get { return _clock; } }
        public ILogSink Log { get { return LogSink; } }
        public ISupervisor Supervisor { get { return SupervisorPort; } }
        public IMqttLink Mqtt { get { return MqttPort; } }
        public IRecordStore JournalStore { get { return Store; } }
        public IClockAdjuster ClockAdjuster { get { return _clock; } }
        public IStagingStore ConfigStaging { get { return Staging; } }

        public ISha256 NewSha256() { return new Sha256(); }

        public ISerialLine Serial(int busIndex, string portName)
        {
            if (!BoardBinding.IsBoardPort(_board, portName) || _rs485 != null || Config == null) return null;
            ModbusBusConfig bus = Config.Buses[busIndex];
            bool even;
            if (!BoardBinding.TryLineFormat(bus.BitsPerCharacter, out even)) return null;
            int tx = _board.GpioOf("rs485_tx");
            int rx = _board.GpioOf("rs485_rx");
            int de = _board.GpioOf("rs485_de");
            if (tx < 0 || rx < 0 || de < 0) return null;
            _rs485 = new Rs485SerialLine(_board.Rs485Port, bus.BaudRate, even ? Parity.Even : Parity.None, StopBits.One, tx, rx, de);
            Log.Write(LogLevel.Info, "bus " + Config.BusIds[busIndex] + ": " + _board.Rs485Port + " " + bus.BaudRate + (even ? " 8E1" : " 8N1")
                + " (TX GPIO" + tx + ", RX GPIO" + rx + ", DE GPIO" + de + ")");
            return _rs485;
        }

        public IDigitalOutput Output(string id)
        {
            PinAssignment p = _board.Find(id);
            if (p == null || p.Function != PinFunction.PermissiveOutput) return null;
            for (int i = 0; i < _outputRoles.Length; i++)
            {
                if (_outputRoles[i] == id) return _outputs[i];
            }
            return null;
        }

        public IDigitalInput Input(string id)
        {
            PinAssignment p = _board.Find(id);
            if (p == null || (p.Function != PinFunction.Input && p.Function != PinFunction.InputPullUp)) return null;
            object done = Opened("in:" + id);
            if (done != null) return (IDigitalInput)done;
            // Contacts switch to GND against a pull-up: active = low. "inverted" in the configuration handles NC contacts.
            return (IDigitalInput)Keep("in:" + id, new GpioContactInput(_gpio, p.Gpio, p.Function == PinFunction.InputPullUp, false, DebounceMs, _clock));
        }

        public IAnalogInput Analog(string id)
        {
            PinAssignment p = _board.Find(id);
            if (p == null || p.Function != PinFunction.AnalogInput) return null;
            object done = Opened("ai:" + id);
            if (done != null) return (IAnalogInput)done;
            if (_adc == null) _adc = new AdcController();
            return (IAnalogInput)Keep("ai:" + id, new ShuntAnalogInput(_adc, p.Gpio, _board.ShuntOhms, AdcFullScaleMillivolts));
        }

        public ICardReader CardReader(string id)
        {
            if (id == null) return null;
            int d0 = _board.GpioOf(id + BoardBinding.CardData0Suffix);
            int d1 = _board.GpioOf(id + BoardBinding.CardData1Suffix);
            if (d0 < 0 || d1 < 0) return null;
            // A station and a confined space may share a reader: its pins are opened once.
            object done = Opened("card:" + id);
            if (done != null) return (ICardReader)done;
            return (ICardReader)Keep("card:" + id, new WiegandCardReader(_gpio, d0, d1, _clock));
        }

        private object Opened(string key)
        {
            for (int i = 0; i < _openedCount; i++)
            {
                if (_openedKeys[i] == key) return _opened[i];
            }
            return null;
        }

        private object Keep(string key, object port)
        {
            if (_openedCount < _opened.Length)
            {
                _openedKeys[_openedCount] = key;
                _opened[_openedCount++] = port;
            }
            return port;
        }
    }
}
