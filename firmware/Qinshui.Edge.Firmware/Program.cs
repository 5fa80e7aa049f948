using System;
using System.Device.Gpio;
using System.Threading;
using nanoFramework.Runtime.Native;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Util;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Firmware.Adapters;

namespace Qinshui.Edge.Firmware
{
    /// <summary>
    /// Composition root of the ESP32 gateway. Order matters for safety:
    /// 1. the board map is read and every relay pin is opened, driven low and put behind a closed OutputGate;
    /// 2. identity, network and the MQTT link come up, so a gateway in its safe state can say why;
    /// 3. the boot state (boot counter, last event hash, counters) is loaded and the boot counted;
    /// 4. the signed configuration (exactly what `qedge config sign` writes) is chosen: the
    ///    candidate when it verifies with the gateway key and validates, else the last good one,
    ///    else none — then the gateway stays in its safe state and says why on the serial log and,
    ///    retained, on its MQTT state topic;
    /// 5. GatewayRuntime is built over DevicePorts and scanned; the gate opens after the first
    ///    complete healthy scan. A scan exception trips the gate; a tripped gate no longer kicks the
    ///    supervisor, whose missed deadline drops every output and reboots the device.
    /// A configuration accepted over MQTT (update_config, or config_chunk assembled in I:\qe\config.part) is
    /// stored as the candidate and applied by a reboot.
    /// </summary>
    public static partial class Program
    {
        public const string FirmwareVersion = "0.2.0";

        private const string Root = "I:\\qe";
        private const string BoardPath = Root + "\\board.json";
        private const string IdentityPath = Root + "\\identity.json";
        private const string KeyPath = Root + "\\gateway.key";
        private const string CaPath = Root + "\\ca.pem";
        private const string ClientCertPath = Root + "\\client.pem";
        private const string ClientKeyPath = Root + "\\client.key";
        private const string CandidatePath = Root + "\\config.json";
        private const string LastGoodPath = Root + "\\config.good.json";
        private const string JournalDirectory = Root + "\\journal";
        /// <summary>Where a configuration pushed in chunks (config_chunk) is assembled before it is verified.</summary>
        private const string StagingPath = Root + "\\config.part";
        /// <summary>
        /// Largest configuration envelope accepted in chunks (the examples' are 2.9–6.1 KB). Verifying the
        /// assembled envelope allocates, transiently, about what an update_config of it would — the parsers
        /// and the configuration reader, ≈ 30 × the envelope on .NET (tests/…/Transfer/CompletionCostTests;
        /// less with nanoFramework's UTF-8 strings and 4-byte references) — as choosing it at boot does anyway:
        /// 32 KB suits a WROVER's PSRAM heap (docs/memory.md), not a WROOM's.
        /// </summary>
        private const int StagingCapacityBytes = 32 * 1024;

        /// <summary>Scan period: GatewayRuntime.Scan never blocks; the Modbus master needs frequent steps to keep the bus busy.</summary>
        private const int ScanPeriodMs = 20;
        private const int SupervisorDeadlineMs = 5000;
        private const int NetworkTimeoutMs = 30000;
        /// <summary>Journal on flash: 128 × 2 KB = 256 KB. The segment size bounds one record (2 019 B payload) and sizes four RAM buffers (docs/memory.md).</summary>
        private const int JournalSegments = 128;
        private const int JournalSegmentBytes = 2048;
        /// <summary>Boot state: the event hash is written at most this often; command/permit counters at once.</summary>
        private const long BootStateIntervalMs = 10000;
        /// <summary>After accepting a configuration, keep running this long so the reply reaches the platform, then reboot.</summary>
        private const long ConfigRebootDelayMs = 3000;

        private static UartLogSink s_log;
        private static OutputGate s_gate;
        private static HardwareWatchdogFeeder s_watchdog;
        /// <summary>The scan and the Modbus bus thread take turns under this lock (ModbusBusThread).</summary>
        private static readonly object s_busGate = new object();
        private static M2MqttLink s_link;
        private static readonly LinkHealth s_linkHealth = new LinkHealth();
        private static bool s_networkUp;
        private static long s_nextNetworkTryMs;
        private static DeviceClock s_clock;
        private static DeviceIdentity s_identity;
        private static BoardPinMap s_board;
        private static byte[] s_key;
        private static BootStore s_bootStore;
        private static BootRecord s_bootRecord;
        private static GatewayRuntime s_runtime;
        private static long s_runningConfigCounter;

        public static void Main()
        {
            s_clock = new DeviceClock();
            s_log = new UartLogSink(LogLevel.Info, null, -1, -1);
            GpioController gpio = new GpioController();

            // 1. Outputs first: nothing may be energised before the first healthy scan.
            ValidationErrors boardErrors = new ValidationErrors();
            s_board = LoadBoard(boardErrors);
            s_gate = new OutputGate(16);
            DevicePorts ports = s_board == null ? null : DevicePorts.OpenOutputs(s_board, gpio, s_gate, s_clock);
            if (s_board != null && s_board.LogPort.Length > 0)
            {
                s_log = new UartLogSink(LogLevel.Info, s_board.LogPort, s_board.GpioOf(BoardPinMap.LogTxRole), s_board.GpioOf(BoardPinMap.LogRxRole));
            }
            if (ports != null) ports.LogSink = s_log;
            s_watchdog = s_board == null ? null : OpenWatchdog(s_board, gpio);
            s_log.Write(LogLevel.Info, "Qinshui.Edge firmware " + FirmwareVersion + " starting; free heap " + nanoFramework.Runtime.Native.GC.Run(false) + " B");
            PrintBoard(s_board, boardErrors);

            // 2. Identity, network, MQTT.
            string identityError;
            s_identity = DeviceIdentity.TryParse(FlashFiles.ReadAll(IdentityPath), out identityError);
            if (s_identity == null)
            {
                RunSafeState("identity_missing", "The provisioning bundle's identity.json is missing or invalid: " + identityError, "缺少或无效的 identity.json：" + identityError);
                return;
            }
            StartNetwork();
            if (s_board == null)
            {
                RunSafeState("board_invalid", "The board pin map I:\\qe\\board.json is missing or invalid.", "板卡引脚配置 I:\\qe\\board.json 缺失或无效。");
                return;
            }

            // 3. Key and boot state.
            s_key = LoadKey();
            if (s_key == null)
            {
                RunSafeState("key_missing", "The gateway key (I:\\qe\\gateway.key, hex, at least 16 bytes) is not provisioned.", "未配置网关密钥（I:\\qe\\gateway.key，十六进制，至少 16 字节）。");
                return;
            }
            s_bootStore = new BootStore(Root);
            bool fresh;
            s_bootRecord = s_bootStore.Load(out fresh);
            if (fresh) s_log.Write(LogLevel.Warning, "boot state: none stored (first boot?): boot counter, event chain and counters start from zero");
            GatewayBoot boot = s_bootRecord.Begin(s_key, FirmwareVersion);
            if (!s_bootStore.Save(s_bootRecord)) s_log.Write(LogLevel.Error, "boot state: could not be written to flash");
            s_log.Write(LogLevel.Info, "boot " + boot.BootCounter + " (last command " + boot.LastCommandCounter + ", last permit " + boot.LastPermitCounter
                + ", last configuration " + s_bootRecord.LastConfigCounter + ")");

            // 4–5. Configuration and gateway, built in their own method: nanoFramework keeps a
            // method's locals alive until it returns, and RunScan never returns, so the parsed
            // configuration (and the selection's validation reports) must not be locals of Main.
            WatchdogSupervisor supervisor = new WatchdogSupervisor(SupervisorDeadlineMs, s_gate, s_log);
            if (!BuildGateway(ports, boot, supervisor)) return;
            s_log.Write(LogLevel.Info, "scan starting; free heap " + nanoFramework.Runtime.Native.GC.Run(true) + " B after the configuration was released");
            new Thread(Housekeeping).Start();
            new ModbusBusThread(s_runtime, s_busGate, s_gate, s_log).Start();
            supervisor.Start();
            RunScan();
        }

        /// <summary>
        /// Chooses the signed configuration (candidate, else last good, else the safe state) and
        /// builds the runtime on it; false when the gateway went to its safe state instead. The
        /// selection and the parsed configuration die with this method's frame.
        /// </summary>
        private static bool BuildGateway(DevicePorts ports, GatewayBoot boot, WatchdogSupervisor supervisor)
        {
            // 4. Signed configuration: candidate, else last good, else safe state.
            ConfigSelection selection = ConfigSelection.Choose(FlashFiles.ReadAll(CandidatePath), FlashFiles.ReadAll(LastGoodPath),
                s_identity.Gateway, s_key, s_bootRecord.LastConfigCounter, HostCheck);
            ReportSelection(selection);
            if (selection.Source == ConfigSource.None)
            {
                ConfigCheck why = selection.Reason;
                RunSafeState(ConfigCheckText.Code(why), ConfigCheckText.English(why), ConfigCheckText.Chinese(why));
                return false;
            }
            if (selection.Source == ConfigSource.Candidate) KeepAsLastGood(selection);
            s_runningConfigCounter = selection.Counter;

            // 5. The gateway.
            ports.Config = selection.Config;
            ports.Store = new FlashRecordStore(JournalDirectory, JournalSegments, JournalSegmentBytes);
            ports.Staging = new FlashStagingStore(StagingPath, StagingCapacityBytes);
            ports.MqttPort = s_link;
            ports.SupervisorPort = supervisor;
            s_runtime = new GatewayRuntime(selection.Config, ports, boot);
            s_runtime.RemoteUpdates.HostCheck = HostCheck; // a push is answered only after the board check its restart would make
            s_runtime.AcceptConfigsAbove(selection.Counter);
            s_runtime.Health.Link = s_link == null ? null : s_linkHealth;
            // The runtime keeps what it needs; the serial lines are open: let the parsed config go.
            ports.Config = null;
            if (!s_runtime.IsOperational)
            {
                RunSafeState("gateway_not_operational", "The gateway could not be built from the configuration: " + s_runtime.Failure,
                    "无法根据配置构建网关：" + s_runtime.Failure);
                return false;
            }
            if (s_link != null && s_runtime.Session != null)
            {
                byte[] will = new byte[256];
                int n = s_runtime.Session.WriteWill(will);
                s_link.SetWill(Utf8.Decode(will, 0, n));
            }
            s_log.Write(LogLevel.Info, "gateway " + selection.Config.GatewayId + " built (configuration " + selection.Config.Hash + ", counter " + selection.Counter
                + "); free heap " + nanoFramework.Runtime.Native.GC.Run(false) + " B");
            return true;
        }

        /// <summary>
        /// The external watchdog on the relay coil supply, when the board wires one (roles wd_feed and
        /// wd_enable). EN̅ is opened high (off, as its pull-up holds it through boot); the feeder enables
        /// it at the first healthy scan. Without it a hung CLR leaves the relays as they were: said once.
        /// </summary>
        private static HardwareWatchdogFeeder OpenWatchdog(BoardPinMap board, GpioController gpio)
        {
            int feed = board.GpioOf(BoardPinMap.WatchdogFeedRole);
            int enable = board.GpioOf(BoardPinMap.WatchdogEnableRole);
            if (feed < 0 || enable < 0)
            {
                s_log.Write(LogLevel.Warning, "board has no external watchdog (wd_feed, wd_enable): a hung runtime would leave the relays as they were");
                return null;
            }
            return new HardwareWatchdogFeeder(new GpioRelayOutput(gpio, feed), new GpioActiveLowOutput(gpio, enable));
        }

        private static void RunScan()
        {
            ScanGuard guard = new ScanGuard(s_gate, s_runtime.Health);
            long lastBootWriteMs = s_clock.MonotonicMs;
            bool bootDirty = false;
            byte[] hash = new byte[32];
            long rebootAtMs = long.MaxValue;
            long handledConfigCounter = 0;
            while (true)
            {
                long start = s_clock.MonotonicMs;
                try
                {
                    lock (s_busGate) s_runtime.Scan();
                    ScanVerdict verdict = guard.AfterScan(s_runtime.IsOperational);
                    // The external watchdog is fed from here only, and only for a healthy scan (hardware/watchdog.md).
                    if (s_watchdog != null) s_watchdog.AfterScan(verdict);
                    if (verdict == ScanVerdict.Tripping)
                    {
                        // The runtime dropped its outputs; the gate keeps them dropped and stops the kicks: the supervisor reboots.
                        s_log.Write(LogLevel.Error, "scan exception: outputs dropped, rebooting within " + SupervisorDeadlineMs + " ms");
                    }
                    else if (verdict == ScanVerdict.Opened)
                    {
                        s_log.Write(LogLevel.Info, "first complete healthy scan: outputs follow the interlocks from now on");
                    }

                    // Boot state: counters at once (replay protection), the event hash at most every BootStateIntervalMs.
                    long command = s_runtime.Commands.LastAcceptedCounter;
                    long permit = s_runtime.Permits.LastCounter;
                    bool urgent = command > s_bootRecord.LastCommandCounter || permit > s_bootRecord.LastPermitCounter;
                    s_runtime.Events.CopyLastHash(hash, 0);
                    bootDirty |= s_bootRecord.Capture(command, permit, hash, s_runtime.Events.Sequence > 0);
                    if (bootDirty && (urgent || start - lastBootWriteMs >= BootStateIntervalMs))
                    {
                        if (!s_bootStore.Save(s_bootRecord)) s_log.Write(LogLevel.Error, "boot state: write failed");
                        bootDirty = false;
                        lastBootWriteMs = start;
                    }

                    // Each accepted update_config is handled once (the runtime keeps the last one; its counter identifies it).
                    if (rebootAtMs == long.MaxValue && s_runtime.PendingConfig != null && s_runtime.PendingConfigCounter != handledConfigCounter)
                    {
                        handledConfigCounter = s_runtime.PendingConfigCounter;
                        if (StorePendingConfig()) rebootAtMs = start + ConfigRebootDelayMs;
                    }
                    if (start >= rebootAtMs)
                    {
                        s_bootStore.Save(s_bootRecord);
                        s_gate.Trip("restart for a new configuration");
                        s_log.Write(LogLevel.Warning, "restarting to apply the new configuration");
                        Power.RebootDevice();
                    }
                }
                catch (Exception e)
                {
                    s_gate.Trip("scan loop exception");
                    s_log.Write(LogLevel.Error, "scan loop exception, outputs dropped: " + e.Message);
                }
                long rest = ScanPeriodMs - (s_clock.MonotonicMs - start);
                if (rest > 0) Thread.Sleep((int)rest);
            }
        }

        /// <summary>Network, clock and MQTT connection upkeep — never the scan thread's work.</summary>
        private static void Housekeeping()
        {
            long lastHeapMs = long.MinValue;
            while (true)
            {
                try
                {
                    long now = s_clock.MonotonicMs;
                    s_clock.Maintain();
                    MaintainNetwork(now);
                    if (s_link != null && s_link.Maintain(now, s_networkUp)) s_log.Write(LogLevel.Info, "mqtt: connected");
                    if (now - lastHeapMs >= 60000)
                    {
                        lastHeapMs = now;
                        s_runtime.Health.FreeHeapBytes = nanoFramework.Runtime.Native.GC.Run(false);
                    }
                }
                catch (Exception e)
                {
                    s_log.Write(LogLevel.Warning, "housekeeping: " + e.Message);
                }
                Thread.Sleep(100);
            }
        }

        /// <summary>Outputs stay off for good; the reason goes to the serial log and, retained, to the state topic every minute.</summary>
        private static void RunSafeState(string code, string english, string chinese)
        {
            s_gate.Trip(code);
            byte[] payload = new byte[768];
            JsonWriter w = new JsonWriter(payload);
            w.StartObject();
            w.String("state", "safe");
            w.String("reason", code);
            w.String("en", english);
            w.String("zh", chinese);
            w.String("firmware", FirmwareVersion);
            w.EndObject();
            string topic = null;
            if (s_identity != null && MqttTopics.IsValidId(s_identity.Site) && MqttTopics.IsValidId(s_identity.Gateway))
            {
                topic = new MqttTopics(s_identity.Site, s_identity.Gateway).Topic(MessageKind.State);
            }
            long nextReportMs = 0;
            while (true)
            {
                long now = s_clock.MonotonicMs;
                if (now >= nextReportMs)
                {
                    s_log.Write(LogLevel.Error, "SAFE STATE, all outputs off: " + code + ": " + english);
                    if (s_link != null && s_link.IsConnected && topic != null)
                    {
                        s_link.Publish(topic, w.Buffer, w.Offset, w.Length, true);
                    }
                    nextReportMs = now + 60000;
                }
                try
                {
                    s_clock.Maintain();
                    MaintainNetwork(now);
                    if (s_link != null && s_link.Maintain(now, s_networkUp)) nextReportMs = now;
                }
                catch (Exception e)
                {
                    s_log.Write(LogLevel.Warning, "safe state: " + e.Message);
                }
                Thread.Sleep(1000);
            }
        }
    }
}
