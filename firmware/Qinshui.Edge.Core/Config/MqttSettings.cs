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
    }
}
