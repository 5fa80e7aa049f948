using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Journal;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// The wiring of a gateway: each step builds one part of <see cref="GatewayRuntime"/> from the
    /// configuration and the ports, in the order the constructor lists them. A missing port is
    /// reported through GatewayRuntime.Fail (the gateway then stays in its safe state). Nothing
    /// here is kept after start-up; the parts it returns are what the runtime holds.
    /// </summary>
    internal static class GatewayComposition
    {
        /// <summary>One Modbus poller per bus (null where the bus has no serial line).</summary>
        public static ModbusPoller[] Pollers(GatewayConfig config, IGatewayPorts ports, GatewayRuntime runtime)
        {
            ModbusPoller[] pollers = new ModbusPoller[config.Buses.Length];
            for (int bus = 0; bus < pollers.Length; bus++)
            {
                ISerialLine line = ports.Serial(bus, config.BusPorts[bus]);
                if (line == null) runtime.Fail("no serial line for bus " + config.BusIds[bus]);
                else pollers[bus] = new ModbusPoller(new ModbusMaster(line, ports.Clock, config.Buses[bus].CreateTiming(), ModbusPoller.MaxRequestBytes), ports.Clock, config.Buses[bus].Devices);
            }
            return pollers;
        }

        /// <summary>
        /// Per channel its bus (a byte: GatewayConfig.MaxSourceBus = 255) and point on that bus's
        /// poller (-1: not polled), the time of the reading last fed, and its analog input (the
        /// array only when some channel has one: an array slot costs 12 bytes on nanoFramework).
        /// </summary>
        public static void ChannelSources(GatewayConfig config, IGatewayPorts ports, ModbusPoller[] pollers, GatewayRuntime runtime,
            out byte[] channelBus, out int[] channelPoint, out long[] channelFedMs, out IAnalogInput[] channelAnalog)
        {
            int count = config.Channels.Length;
            channelBus = new byte[count];
            channelPoint = new int[count];
            channelFedMs = new long[count];
            channelAnalog = null;
            for (int channel = 0; channel < count; channel++)
            {
                if (config.SourceKind(channel) == ChannelSourceKind.Analog && channelAnalog == null) channelAnalog = new IAnalogInput[count];
            }
            for (int channel = 0; channel < count; channel++)
            {
                channelPoint[channel] = -1;
                channelFedMs[channel] = long.MinValue;
                int bus = config.SourceBus(channel);
                if (bus >= 0 && pollers[bus] != null)
                {
                    channelBus[channel] = (byte)bus;
                    channelPoint[channel] = pollers[bus].FirstPoint(config.SourceDevice(channel)) + config.SourcePoint(channel);
                }
                else if (config.SourceKind(channel) == ChannelSourceKind.Analog)
                {
                    channelAnalog[channel] = ports.Analog(config.SourceAnalogInputId(channel));
                    if (channelAnalog[channel] == null) runtime.Fail("no analog input " + config.SourceAnalogInputId(channel));
                }
            }
        }

        /// <summary>The interlock outputs' ports, in InterlockConfig.Outputs order.</summary>
        public static IDigitalOutput[] Outputs(InterlockConfig interlocks, IGatewayPorts ports, GatewayRuntime runtime)
        {
            IDigitalOutput[] outputs = new IDigitalOutput[interlocks.Outputs.Length];
            for (int i = 0; i < outputs.Length; i++)
            {
                outputs[i] = ports.Output(interlocks.Outputs[i].Id);
                if (outputs[i] == null) runtime.Fail("no output port " + interlocks.Outputs[i].Id);
            }
            return outputs;
        }

        /// <summary>The interlock inputs' ports, in InterlockConfig.Inputs order.</summary>
        public static IDigitalInput[] Inputs(InterlockConfig interlocks, IGatewayPorts ports, GatewayRuntime runtime)
        {
            IDigitalInput[] inputs = new IDigitalInput[interlocks.Inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = ports.Input(interlocks.Inputs[i].Id);
                if (inputs[i] == null) runtime.Fail("no input port " + interlocks.Inputs[i].Id);
            }
            return inputs;
        }

        public static string[] ZoneIds(InterlockConfig interlocks)
        {
            string[] zoneIds = new string[interlocks.Zones.Length];
            for (int zone = 0; zone < zoneIds.Length; zone++) zoneIds[zone] = interlocks.Zones[zone].Id;
            return zoneIds;
        }

        /// <summary>The welding stations; stationEnable receives each one's enable output (null where missing) for the fail-safe.</summary>
        public static WeldingStation[] WeldingStations(GatewayConfig config, IGatewayPorts ports, IClock clock, ModbusPoller[] pollers, WeldingRegistry registry,
            PermitBook permits, AlarmEngine alarms, GatewayRuntime runtime, out IDigitalOutput[] stationEnable)
        {
            WeldingSettings welding = config.Welding;
            WeldingStation[] stations = new WeldingStation[welding.Stations.Length];
            stationEnable = new IDigitalOutput[welding.Stations.Length];
            for (int i = 0; i < stations.Length; i++)
            {
                WeldingStationSpec spec = welding.Stations[i];
                IDigitalOutput enable = ports.Output(spec.EnableOutputId);
                ICardReader reader = ports.CardReader(spec.CardReaderId);
                stationEnable[i] = enable;
                if (enable == null || reader == null)
                {
                    runtime.Fail("no enable output or card reader for welding station " + spec.Id);
                    enable = new NullOutput();
                }
                int[] gas = new int[spec.GasChannelIds.Length];
                for (int k = 0; k < gas.Length; k++) gas[k] = config.IndexOfChannel(spec.GasChannelIds[k]);
                IWeldingMachineLink link = MachineLink(config, pollers, spec);
                stations[i] = new WeldingStation(new WeldingStationConfig(spec.Id, spec.ZoneId, spec.ExpectedMachineCode, gas, spec.SettleMs, spec.ArcThresholdAmps),
                    link, enable, reader, registry, permits, alarms, runtime, clock, runtime, welding.SpecialPeriods);
            }
            return stations;
        }

        public static ConfinedSpaceGuard[] ConfinedSpaces(GatewayConfig config, IGatewayPorts ports, IClock clock, WeldingRegistry registry, PermitBook permits,
            AlarmEngine alarms, GatewayRuntime runtime)
        {
            WeldingSettings welding = config.Welding;
            ConfinedSpaceGuard[] guards = new ConfinedSpaceGuard[welding.ConfinedSpaces.Length];
            for (int i = 0; i < guards.Length; i++)
            {
                ConfinedSpaceSpec spec = welding.ConfinedSpaces[i];
                int[] toxic = new int[spec.ToxicChannelIds.Length];
                for (int k = 0; k < toxic.Length; k++) toxic[k] = config.IndexOfChannel(spec.ToxicChannelIds[k]);
                int[] combustible = ConfinedSpaceChannels.Indices(config, spec.CombustibleChannelIds);
                guards[i] = new ConfinedSpaceGuard(spec.ZoneId, config.IndexOfChannel(spec.OxygenChannelId), toxic, combustible, ports.CardReader(spec.CardReaderId),
                    registry, permits, alarms, clock, runtime);
            }
            return guards;
        }

        /// <summary>
        /// The zone each authoriser works in: the welding stations', then the confined spaces'
        /// (one array for both: an array costs a 24 B header and a field 12 B on nanoFramework).
        /// </summary>
        public static int[] WorkZones(WeldingSettings welding, ZoneEngine zones)
        {
            int stations = welding.Stations.Length;
            int[] workZones = new int[stations + welding.ConfinedSpaces.Length];
            for (int i = 0; i < stations; i++) workZones[i] = zones.IndexOfZone(welding.Stations[i].ZoneId);
            for (int i = 0; i < welding.ConfinedSpaces.Length; i++) workZones[stations + i] = zones.IndexOfZone(welding.ConfinedSpaces[i].ZoneId);
            return workZones;
        }

        /// <summary>What the birth and meta messages say of each zone.</summary>
        public static ZoneInfo[] ZoneInfos(InterlockConfig interlocks)
        {
            ZoneInfo[] zoneInfos = new ZoneInfo[interlocks.Zones.Length];
            for (int zone = 0; zone < zoneInfos.Length; zone++)
            {
                string[] channels = new string[interlocks.Zones[zone].ChannelCount];
                for (int k = 0; k < channels.Length; k++) channels[k] = interlocks.Zones[zone].ChannelId(k);
                zoneInfos[zone] = new ZoneInfo(interlocks.Zones[zone].Id, interlocks.Zones[zone].OutputIds, channels);
            }
            return zoneInfos;
        }

        /// <summary>The MQTT session that drains the journal (null without a link or with MQTT disabled).</summary>
        public static MqttSession Session(GatewayConfig config, IGatewayPorts ports, IClock clock, Journal.Journal journal, MessageWriter writer, AlarmEngine alarms,
            CommandProcessor commands, TelemetryRecorder recorder, HealthFigures health, JsonWriter payload)
        {
            if (ports.Mqtt == null || !config.Mqtt.Enabled) return null;
            MqttSessionOptions options = new MqttSessionOptions();
            options.HealthIntervalMs = config.Mqtt.HealthIntervalMs;
            return new MqttSession(ports.Mqtt, clock, journal, writer, new MqttTopics(config.SiteId, config.GatewayId), alarms,
                ZoneInfos(config.Interlocks), commands, recorder, health, options, payload);
        }

        private static int PointIndex(GatewayConfig config, ModbusPoller[] pollers, int bus, string device, string point)
        {
            ModbusPoller poller = pollers[bus];
            for (int d = 0; d < poller.DeviceCount; d++)
            {
                ModbusDeviceConfig deviceConfig = config.Buses[bus].Devices[d];
                if (deviceConfig.Name != device) continue;
                for (int k = 0; k < deviceConfig.Profile.Points.Length; k++)
                {
                    if (deviceConfig.Profile.Points[k].Id == point) return poller.FirstPoint(d) + k;
                }
            }
            return -1;
        }

        private static IWeldingMachineLink MachineLink(GatewayConfig config, ModbusPoller[] pollers, WeldingStationSpec spec)
        {
            int bus = spec.BusIndex;
            if (bus < 0 || bus >= pollers.Length || pollers[bus] == null) return new NoMachine();
            return new PollerMachineLink(pollers[bus],
                PointIndex(config, pollers, bus, spec.MachineDevice, "identity_code"),
                PointIndex(config, pollers, bus, spec.MachineDevice, "model"),
                PointIndex(config, pollers, bus, spec.MachineDevice, "arc_current"));
        }

        private sealed class NullOutput : IDigitalOutput
        {
            public void Write(bool energised) { }
        }

        private sealed class NoMachine : IWeldingMachineLink
        {
            public bool TryGetIdentity(out string code, out string model)
            {
                code = null;
                model = null;
                return false;
            }

            public double ArcCurrentAmps { get { return 0; } }
            public Quality ArcCurrentQuality { get { return Quality.NoData; } }
        }
    }
}
