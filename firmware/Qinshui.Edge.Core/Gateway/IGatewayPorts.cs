using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Gateway
{
    /// <summary>
    /// Everything physical the gateway runtime needs, looked up by the ids of the configuration.
    /// The ESP32 composition root maps ids to pins of its board; the Linux host to libgpiod lines
    /// and serial devices; the simulator to its plant model. A missing port returns null and the
    /// runtime refuses to start (the outputs stay off and the reason is logged and published).
    /// </summary>
    public interface IGatewayPorts
    {
        IClock Clock { get; }
        ILogSink Log { get; }
        ISupervisor Supervisor { get; }
        IMqttLink Mqtt { get; }
        IRecordStore JournalStore { get; }
        IClockAdjuster ClockAdjuster { get; }

        /// <summary>Where a configuration pushed in chunks is assembled (config_chunk; a flash file on the device). Null: chunked pushes are refused (not_supported).</summary>
        IStagingStore ConfigStaging { get; }

        /// <summary>A new SHA-256 instance (the platform's where it has one).</summary>
        ISha256 NewSha256();

        ISerialLine Serial(int busIndex, string portName);
        IDigitalOutput Output(string id);
        IDigitalInput Input(string id);
        IAnalogInput Analog(string id);
        ICardReader CardReader(string id);
    }
}
