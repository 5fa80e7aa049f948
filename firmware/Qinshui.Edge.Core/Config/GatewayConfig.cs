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
            Sources = new ChannelSource[channels.Length];
            for (int i = 0; i < Sources.Length; i++) Sources[i] = ChannelSource.External();
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

        /// <summary>For each channel (same index), where its readings come from.</summary>
        public ChannelSource[] Sources { get; set; }

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
