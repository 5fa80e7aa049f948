using System;
using System.Device.Adc;
using System.Device.Gpio;
using System.IO.Ports;
using System.Threading;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Firmware.Adapters;
using Qinshui.Edge.Firmware.Seams;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// Composition root of the ESP32 gateway. Order matters for safety:
    /// 1. every relay pin is opened and driven low behind a closed OutputGate;
    /// 2. the board map, identity and signed configuration are read from internal flash and
    ///    verified (CRC, HMAC, content) — a bad candidate keeps the last good configuration, and
    ///    with none the gateway stays in its safe state and says why on the serial log and MQTT;
    /// 3. the core is built, the supervisor armed, and the scan runs; the gate opens only after
    ///    the first complete healthy scan; a scan exception or a missed deadline drops every output.
    /// </summary>
    public static class Program
    {
        public const string FirmwareVersion = "0.1.0";

        private const string Root = "I:\\qe";
        private const string BoardPath = Root + "\\board.json";
        private const string IdentityPath = Root + "\\identity.json";
        private const string ConfigKeyPath = Root + "\\config.key";
        private const string CaPath = Root + "\\ca.pem";
        private const string ClientCertPath = Root + "\\client.pem";
        private const string ClientKeyPath = Root + "\\client.key";
        private const string CandidatePath = Root + "\\config.qecf";
        private const string LastGoodPath = Root + "\\config.good.qecf";
        private const string JournalDirectory = Root + "\\journal";

        private const int SupervisorDeadlineMs = 5000;
        private const int NetworkTimeoutMs = 30000;
        private const int AdcFullScaleMillivolts = 3100;
        private const int DebounceMs = 30;
        private const int JournalSegments = 16;
        private const int JournalSegmentBytes = 32 * 1024;

        private static ILogSink s_log;
        private static OutputGate s_gate;
        private static M2MqttLink s_link;
        private static DeviceClock s_clock;
        private static DeviceIdentity s_identity;
        private static IPlatformPump s_pump;

        /// <summary>SEAM #6: handed to the welding/permit part once its card-reader port exists.</summary>
        private static WiegandCardReader s_cardReader;

        public static void Main()
        {
            s_log = new SerialLogSink(LogLevel.Info);
            s_log.Write(LogLevel.Info, "Qinshui.Edge firmware " + FirmwareVersion + " starting; free heap " + nanoFramework.Runtime.Native.GC.Run(false) + " B");
            s_clock = new DeviceClock();
            GpioController gpio = new GpioController();

            // 1. Outputs first: nothing may be energised before the first healthy scan.
            ValidationErrors boardErrors = new ValidationErrors();
            BoardPinMap board = LoadBoard(boardErrors);
            s_gate = new OutputGate(16);
            DevicePorts ports = new DevicePorts();
            ports.Clock = s_clock;
            ports.Log = s_log;
            if (board != null) OpenPins(board, gpio, ports);
            PrintBoard(board, boardErrors);

            // 2. Identity, network, MQTT: so that a gateway in its safe state can still say why.
            string identityError;
            s_identity = DeviceIdentity.TryParse(FlashFiles.ReadAll(IdentityPath), out identityError);
            if (s_identity == null) s_log.Write(LogLevel.Error, "identity: " + identityError + " (flash the provisioning bundle, docs/firmware.md)");
            else StartNetwork();
            ports.Mqtt = s_link;

            if (board == null)
            {
                RunSafeState("board_invalid", "The board pin map is missing or invalid.", "板卡引脚配置缺失或无效。");
                return;
            }

            // 3. Signed configuration: candidate, else last good, else safe state.
            byte[] key = FlashFiles.ReadAll(ConfigKeyPath);
            if (key == null || key.Length < 16)
            {
                RunSafeState("config_key_missing", "The configuration key is not provisioned.", "未配置配置签名密钥。");
                return;
            }
            ConfigSelection selection = ConfigSelection.Choose(FlashFiles.ReadAll(CandidatePath), FlashFiles.ReadAll(LastGoodPath),
                HmacSha256.Portable(key), GatewaySeams.ValidateContent);
            ReportSelection(selection);
            if (selection.Source == ConfigSource.None)
            {
                RunSafeState(ConfigCheckText.Code(selection.Reason), ConfigCheckText.English(selection.Reason), ConfigCheckText.Chinese(selection.Reason));
                return;
            }
            if (selection.Source == ConfigSource.Candidate && !FlashFiles.WriteAll(LastGoodPath, selection.Envelope))
            {
                s_log.Write(LogLevel.Warning, "config: could not keep a copy as last good configuration");
            }

            JsonValue config;
            string parseError;
            JsonParser.TryParse(selection.Envelope, selection.PayloadOffset, selection.PayloadLength, out config, out parseError);
            ports.Journal = new FlashRecordStore(JournalDirectory, JournalSegments, JournalSegmentBytes);

            string whyNot;
            IScanLoop scan = GatewaySeams.BuildScan(config, ports, out whyNot);
            if (scan == null)
            {
                RunSafeState("gateway_not_built", "The gateway could not be built from the configuration: " + whyNot, "无法根据配置构建网关：" + whyNot);
                return;
            }
            s_pump = GatewaySeams.BuildPump(config, ports);

            WatchdogSupervisor supervisor = new WatchdogSupervisor(SupervisorDeadlineMs, s_gate, s_log);
            ports.Supervisor = supervisor;
            new Thread(PumpLoop).Start();
            supervisor.Start();
            RunScan(scan, supervisor);
        }

        private static void RunScan(IScanLoop scan, WatchdogSupervisor supervisor)
        {
            while (true)
            {
                long start = s_clock.MonotonicMs;
                bool healthy;
                try
                {
                    healthy = scan.Scan(start);
                }
                catch (Exception e)
                {
                    // De-energise to trip: an exception in the scan drops every output; the missing
                    // kicks then let the supervisor reboot the device.
                    s_gate.Trip("scan exception: " + e.Message);
                    s_log.Write(LogLevel.Error, "scan exception, outputs dropped: " + e.Message);
                    healthy = false;
                }
                if (healthy && !s_gate.IsTripped)
                {
                    supervisor.Kick();
                    if (!s_gate.IsOpen)
                    {
                        s_gate.Open();
                        s_log.Write(LogLevel.Info, "first complete healthy scan: outputs follow the core from now on");
                    }
                }
                long rest = scan.ScanPeriodMs - (s_clock.MonotonicMs - start);
                if (rest > 0) Thread.Sleep((int)rest);
            }
        }

        private static void PumpLoop()
        {
            while (true)
            {
                try
                {
                    long now = s_clock.MonotonicMs;
                    s_clock.Maintain();
                    bool newSession = s_link != null && s_link.Maintain(now);
                    if (s_pump != null) s_pump.Pump(now, newSession);
                }
                catch (Exception e)
                {
                    s_log.Write(LogLevel.Warning, "pump: " + e.Message);
                }
                Thread.Sleep(100);
            }
        }

        /// <summary>Outputs stay off for good; the reason goes to the serial log and, retained, to the state topic every minute.</summary>
        private static void RunSafeState(string code, string english, string chinese)
        {
            s_gate.Trip(code);
            byte[] payload = new byte[512];
            JsonWriter w = new JsonWriter(payload);
            w.StartObject();
            w.String("state", "safe");
            w.String("reason", code);
            w.String("en", english);
            w.String("zh", chinese);
            w.String("firmware", FirmwareVersion);
            w.EndObject();
            long nextReportMs = 0;
            while (true)
            {
                long now = s_clock.MonotonicMs;
                if (now >= nextReportMs)
                {
                    s_log.Write(LogLevel.Error, "SAFE STATE, all outputs off: " + code + ": " + english);
                    if (s_link != null && s_link.IsConnected)
                    {
                        s_link.Publish(s_identity.TopicPrefix + "state", w.Buffer, w.Offset, w.Length, true);
                    }
                    nextReportMs = now + 60000;
                }
                try
                {
                    s_clock.Maintain();
                    if (s_link != null && s_link.Maintain(now)) nextReportMs = now;
                }
                catch (Exception e)
                {
                    s_log.Write(LogLevel.Warning, "safe state: " + e.Message);
                }
                Thread.Sleep(1000);
            }
        }

        private static BoardPinMap LoadBoard(ValidationErrors errors)
        {
            byte[] b = FlashFiles.ReadAll(BoardPath);
            if (b == null)
            {
                errors.Error("board.json", "board_missing", "I:\\qe\\board.json is missing", "缺少 I:\\qe\\board.json");
                return null;
            }
            BoardPinMap board;
            return BoardLoader.TryLoad(b, 0, b.Length, "board", errors, out board) ? board : null;
        }

        private static void OpenPins(BoardPinMap board, GpioController gpio, DevicePorts ports)
        {
            int outputs = board.Count(PinFunction.PermissiveOutput) + board.Count(PinFunction.Output);
            int inputs = board.Count(PinFunction.Input) + board.Count(PinFunction.InputPullUp);
            int analog = board.Count(PinFunction.AnalogInput);
            ports.Board = board;
            ports.Outputs = new IDigitalOutput[outputs];
            ports.OutputRoles = new string[outputs];
            ports.Inputs = new IDigitalInput[inputs];
            ports.InputRoles = new string[inputs];
            ports.AnalogInputs = new IAnalogInput[analog];
            ports.AnalogRoles = new string[analog];
            AdcController adc = analog > 0 ? new AdcController() : null;
            int o = 0;
            int i = 0;
            int a = 0;
            for (int k = 0; k < board.Pins.Length; k++)
            {
                PinAssignment p = board.Pins[k];
                switch (p.Function)
                {
                    case PinFunction.PermissiveOutput:
                    case PinFunction.Output:
                        ports.Outputs[o] = s_gate.Add(new GpioRelayOutput(gpio, p.Gpio));
                        ports.OutputRoles[o++] = p.Role;
                        break;
                    case PinFunction.Input:
                    case PinFunction.InputPullUp:
                        ports.Inputs[i] = new GpioContactInput(gpio, p.Gpio, p.Function == PinFunction.InputPullUp, false, DebounceMs, s_clock);
                        ports.InputRoles[i++] = p.Role;
                        break;
                    case PinFunction.AnalogInput:
                        ports.AnalogInputs[a] = new ShuntAnalogInput(adc, p.Gpio, board.ShuntOhms, AdcFullScaleMillivolts);
                        ports.AnalogRoles[a++] = p.Role;
                        break;
                }
            }
            int d0 = board.GpioOf("card_data0");
            int d1 = board.GpioOf("card_data1");
            if (d0 >= 0 && d1 >= 0) s_cardReader = new WiegandCardReader(gpio, d0, d1, s_clock);

            int tx = board.GpioOf("rs485_tx");
            int rx = board.GpioOf("rs485_rx");
            int de = board.GpioOf("rs485_de");
            if (tx >= 0 && rx >= 0 && de >= 0)
            {
                // Line settings come from the configuration's bus section once #3/#9 land; 9600 8E1 is the Modbus RTU default (spec §2.5.1).
                ports.Rs485 = new Rs485SerialLine(board.Rs485Port, 9600, Parity.Even, StopBits.One, tx, rx, de);
            }
        }

        private static void StartNetwork()
        {
            string status;
            bool up = s_identity.UseEthernet
                ? NetworkStarter.ConnectEthernet(NetworkTimeoutMs, out status)
                : NetworkStarter.ConnectWifi(s_identity.WifiSsid, s_identity.WifiPassword, NetworkTimeoutMs, out status);
            s_log.Write(up ? LogLevel.Info : LogLevel.Warning, "network (" + (s_identity.UseEthernet ? "ethernet" : "wifi") + "): " + status);
            if (up) s_clock.StartSntp(s_identity.Sntp1, s_identity.Sntp2);
            byte[] ca = FlashFiles.ReadAll(CaPath);
            if (s_identity.BrokerHost == null || ca == null)
            {
                s_log.Write(LogLevel.Warning, "mqtt: no broker or CA certificate provisioned; running without the platform link");
                return;
            }
            byte[] will = Utf8.GetBytes("{\"state\":\"offline\"}");
            s_link = new M2MqttLink(s_identity.BrokerHost, s_identity.BrokerPort, ca, FlashFiles.ReadAll(ClientCertPath), FlashFiles.ReadAll(ClientKeyPath),
                s_identity.Site + "/" + s_identity.Gateway, s_identity.MqttUsername, s_identity.MqttPassword,
                s_identity.TopicPrefix + "state", Utf8.Decode(will, 0, will.Length), s_identity.TopicPrefix + "cmd");
        }

        /// <summary>dump_config: what the gateway will run with, on the serial log.</summary>
        private static void PrintBoard(BoardPinMap board, ValidationErrors errors)
        {
            for (int i = 0; i < errors.Count; i++)
            {
                s_log.Write(errors[i].IsWarning ? LogLevel.Warning : LogLevel.Error, "board: " + errors[i].ToString());
            }
            if (board == null) return;
            s_log.Write(LogLevel.Info, "board " + board.Id + " (" + (board.Module == Esp32Module.Wrover ? "WROVER" : "WROOM")
                + (board.UsesWifi ? ", wifi" : "") + (board.HasEthernet ? ", ethernet" : "") + ", RS-485 on " + board.Rs485Port + ")");
            for (int i = 0; i < board.Pins.Length; i++)
            {
                PinAssignment p = board.Pins[i];
                s_log.Write(LogLevel.Info, "  GPIO" + p.Gpio + " " + p.Role + " " + PinFunctions.Name(p.Function));
            }
        }

        private static void ReportSelection(ConfigSelection s)
        {
            if (s.Source == ConfigSource.Candidate)
            {
                s_log.Write(LogLevel.Info, "config: new configuration verified (CRC, HMAC, content) and kept as last good");
                return;
            }
            if (s.CandidateCheck != ConfigCheck.Missing)
            {
                s_log.Write(LogLevel.Error, "config: new configuration refused: " + ConfigCheckText.Code(s.CandidateCheck) + ": " + ConfigCheckText.English(s.CandidateCheck));
                for (int i = 0; i < s.CandidateErrors.Count; i++) s_log.Write(LogLevel.Error, "  " + s.CandidateErrors[i].ToString());
            }
            if (s.Source == ConfigSource.LastGood) s_log.Write(LogLevel.Warning, "config: running the last good configuration");
            else s_log.Write(LogLevel.Error, "config: no usable configuration (" + ConfigCheckText.Code(s.LastGoodCheck) + ")");
        }
    }
}
