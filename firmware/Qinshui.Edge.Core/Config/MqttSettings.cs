namespace Qinshui.Edge.Core.Config
{
    /// <summary>How the gateway reaches the platform.</summary>
    public sealed class MqttSettings
    {
        public MqttSettings()
        {
            Enabled = true;
            BrokerUrl = "";
            DataBatchIntervalMs = 5000;
            HealthIntervalMs = 60000;
            CompactData = true;
        }

        /// <summary>False for sites without network: said in the birth message, zones must not supervise the link.</summary>
        public bool Enabled { get; set; }

        /// <summary>mqtt://host:port or mqtts://host:port; empty = the composition root's default (the simulator's embedded broker).</summary>
        public string BrokerUrl { get; set; }

        /// <summary>The site requires TLS: a plain mqtt:// broker is a validation error.</summary>
        public bool RequireTls { get; set; }

        public string Username { get; set; }

        /// <summary>Readings are batched; a batch closes after this long.</summary>
        public int DataBatchIntervalMs { get; set; }

        public int HealthIntervalMs { get; set; }

        /// <summary>
        /// Data batches in the compact binary encoding (default; docs/mqtt.md "Compact data", issue 16 #3/#4)
        /// or in JSON (config "dataEncoding":"json", for tools that read data messages as text).
        /// </summary>
        public bool CompactData { get; set; }
    }
}
