using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Modbus;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// A gateway's whole configuration, as loaded from one JSON file and validated by the same
    /// code on the device and in qedge. Fixed for the life of a boot; state lives elsewhere.
    /// </summary>
    public sealed class GatewayConfig
    {
        public const int SchemaVersion = 1;

        public GatewayConfig(string siteId, string siteName, string gatewayId, string gatewayName, ChannelConfig[] channels)
        {
            SiteId = siteId;
            SiteName = siteName;
            GatewayId = gatewayId;
            GatewayName = gatewayName;
            Channels = channels;
            _sources = new int[channels.Length];
            Buses = new ModbusBusConfig[0];
            BusIds = new string[0];
            BusPorts = new string[0];
            Interlocks = new InterlockConfig(new ZoneConfig[0], new OutputConfig[0], new InputConfig[0]);
            Welding = new WeldingSettings();
            Mqtt = new MqttSettings();
            AnalogInputIds = new string[0];
            CardReaderIds = new string[0];
            Board = "";
            PinIds = new string[0];
            PinRoles = new string[0];
            PinGpios = new int[0];
        }

        /// <summary>"pins": config ids (outputs, inputs, analog inputs, card readers) and the board pin each uses.</summary>
        public string[] PinIds { get; set; }

        /// <summary>Board role of each entry of PinIds, or null where a GPIO number was given.</summary>
        public string[] PinRoles { get; set; }

        /// <summary>GPIO of each entry of PinIds where given as a number, else -1 (resolve PinRoles on the board).</summary>
        public int[] PinGpios { get; set; }

        /// <summary>Board id (hardware/boards) whose pin map the ports use; empty on desktop hosts.</summary>
        public string Board { get; set; }

        // Where each channel's readings come from, one int per channel (same index as Channels):
        // the kind in bits 28–29; for Modbus the bus (bits 20–27), the device on it (12–19) and the
        // point of its profile (0–11); for Analog the index into AnalogInputIds. Indices, not names
        // or an object per channel: on nanoFramework an object costs 12 bytes per field and every
        // name a string (docs/memory.md); the names are found through Buses and AnalogInputIds.
        private readonly int[] _sources;
        private const int KindShift = 28;
        private const int BusShift = 20;
        private const int DeviceShift = 12;
        private const int Mask8 = 0xFF;
        private const int PointMask = 0xFFF;
        private const int AnalogMask = 0xFFFFFFF;

        /// <summary>Largest bus, device and point indices a Modbus source can name.</summary>
        public const int MaxSourceBus = Mask8;
        public const int MaxSourceDevice = Mask8;
        public const int MaxSourcePoint = PointMask;

        public ChannelSourceKind SourceKind(int channel) { return (ChannelSourceKind)(_sources[channel] >> KindShift); }

        /// <summary>Index into Buses of a Modbus source, else -1.</summary>
        public int SourceBus(int channel) { return SourceKind(channel) == ChannelSourceKind.Modbus ? (_sources[channel] >> BusShift) & Mask8 : -1; }

        /// <summary>Index into Buses[SourceBus].Devices of a Modbus source, else -1.</summary>
        public int SourceDevice(int channel) { return SourceKind(channel) == ChannelSourceKind.Modbus ? (_sources[channel] >> DeviceShift) & Mask8 : -1; }

        /// <summary>Index into the device profile's Points of a Modbus source, else -1.</summary>
        public int SourcePoint(int channel) { return SourceKind(channel) == ChannelSourceKind.Modbus ? _sources[channel] & PointMask : -1; }

        /// <summary>Index into AnalogInputIds of an Analog source, else -1.</summary>
        public int SourceAnalogInput(int channel) { return SourceKind(channel) == ChannelSourceKind.Analog ? _sources[channel] & AnalogMask : -1; }

        public string SourceDeviceName(int channel)
        {
            int b = SourceBus(channel);
            return b < 0 ? null : Buses[b].Devices[SourceDevice(channel)].Name;
        }

        public string SourcePointId(int channel)
        {
            int b = SourceBus(channel);
            return b < 0 ? null : Buses[b].Devices[SourceDevice(channel)].Profile.Points[SourcePoint(channel)].Id;
        }

        public string SourceAnalogInputId(int channel)
        {
            int a = SourceAnalogInput(channel);
            return a < 0 ? null : AnalogInputIds[a];
        }

        /// <summary>The channel reads point <paramref name="point"/> of device <paramref name="device"/> on bus <paramref name="bus"/>; false (unchanged) beyond MaxSourceBus/Device/Point.</summary>
        public bool SetModbusSource(int channel, int bus, int device, int point)
        {
            if (bus < 0 || bus > MaxSourceBus || device < 0 || device > MaxSourceDevice || point < 0 || point > MaxSourcePoint) return false;
            _sources[channel] = ((int)ChannelSourceKind.Modbus << KindShift) | (bus << BusShift) | (device << DeviceShift) | point;
            return true;
        }

        /// <summary>The channel reads analog input AnalogInputIds[<paramref name="analogInput"/>].</summary>
        public void SetAnalogSource(int channel, int analogInput)
        {
            _sources[channel] = ((int)ChannelSourceKind.Analog << KindShift) | (analogInput & AnalogMask);
        }

        public ModbusBusConfig[] Buses { get; set; }
        public string[] BusIds { get; set; }

        /// <summary>The serial port (UART name or device path) of each bus, for the composition root.</summary>
        public string[] BusPorts { get; set; }

        public string[] AnalogInputIds { get; set; }
        public string[] CardReaderIds { get; set; }

        /// <summary>"linuxHost": buses and settings of the analog inputs and card readers on a Linux host; null when absent (the device's case).</summary>
        public LinuxHostSettings LinuxHost { get; set; }
        public InterlockConfig Interlocks { get; set; }
        public WeldingSettings Welding { get; set; }
        public MqttSettings Mqtt { get; set; }

        public int IndexOfChannel(string id)
        {
            for (int i = 0; i < Channels.Length; i++)
            {
                if (Channels[i].Id == id) return i;
            }
            return -1;
        }

        public int IndexOfBus(string id)
        {
            for (int i = 0; i < BusIds.Length; i++)
            {
                if (BusIds[i] == id) return i;
            }
            return -1;
        }

        public string SiteId { get; }
        public string SiteName { get; }
        public string GatewayId { get; }
        public string GatewayName { get; }
        public ChannelConfig[] Channels { get; }

        /// <summary>SHA-256 of the configuration bytes as loaded, lowercase hex (reported in birth and replies).</summary>
        public string Hash { get; internal set; }
    }
}
