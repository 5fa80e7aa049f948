namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>Tuning of the MQTT pump; defaults suit an ESP32 on a plant network.</summary>
    public sealed class MqttSessionOptions
    {
        /// <summary>Journal records published and not yet acknowledged (QoS 1 in flight).</summary>
        public int InFlightWindow = 8;
        /// <summary>At most this many publishes per Step, so one step stays short.</summary>
        public int MaxPublishesPerStep = 16;
        public int MaxCommandsPerStep = 4;
        public int HealthIntervalMs = 60000;
        /// <summary>Refused commands logged as events per minute; the rest are counted (flash is not a DoS target).</summary>
        public int MaxRefusalEventsPerMinute = 10;
    }
}
